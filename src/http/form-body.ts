import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors.js';

export type FormBody = Record<string, string | string[]>;

/**
 * Reads a Twilio webhook's form body into `req.body` (repeated keys become arrays; the object
 * has no prototype, so a key like `__proto__` is just a key).
 *
 * Why not express.urlencoded: on a /voice/wait answer it cost more CPU than everything else we
 * do together (type-is, raw-body with iconv, qs; see bench/webhooks). This keeps what matters
 * here: a byte limit enforced before and while reading (413), a parameter limit, UTF-8, `+` as
 * space, lenient percent-decoding; and drops what Twilio never sends (other charsets,
 * compressed bodies, nested keys).
 */
export function createFormBodyParser(options: { limitBytes: number; parameterLimit: number }) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    req.body = newFormBody();
    const length = req.headers['content-length'];
    const chunked = req.headers['transfer-encoding'] !== undefined;
    if (
      (!chunked && (length === undefined || length === '0')) ||
      !isForm(req.headers['content-type'])
    ) {
      next();
      return;
    }
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && encoding !== 'identity') {
      next(
        new AppError('UNSUPPORTED_MEDIA_TYPE', {
          message: `Content-Encoding ${encoding} is not accepted`,
        }),
      );
      return;
    }
    if (Number(length) > options.limitBytes) {
      next(new AppError('BODY_TOO_LARGE'));
      return;
    }
    readBody(req, options.limitBytes, (error, text) => {
      if (error !== undefined) return next(error);
      const form = parseForm(text, options.parameterLimit);
      if (form === undefined)
        return next(new AppError('BODY_TOO_LARGE', { message: 'Too many parameters' }));
      req.body = form;
      next();
    });
  };
}

function readBody(
  req: Request,
  limitBytes: number,
  done: (error: AppError | undefined, text: string) => void,
): void {
  // Bytes, decoded once at the end: a webhook body is one chunk, and a string decoder per
  // request (setEncoding) cost more than the decoding itself.
  const chunks: Buffer[] = [];
  let received = 0;
  const onData = (chunk: Buffer) => {
    received += chunk.length;
    if (received > limitBytes) {
      req.removeListener('data', onData);
      req.removeListener('end', onEnd);
      done(new AppError('BODY_TOO_LARGE'), '');
      return;
    }
    chunks.push(chunk);
  };
  const onEnd = () => {
    const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    done(undefined, body.toString('utf8'));
  };
  req.on('data', onData);
  // A client that disconnects mid-body leaves nobody to answer: 'end' never comes and the
  // request is dropped with its socket. No 'error' listener is needed for that: Node emits an
  // aborted request's error only to listeners (IncomingMessage onError; a test holds it).
  req.once('end', onEnd);
}

/**
 * An object with no Object.prototype behind it, so a parameter named `__proto__`, `constructor`
 * or `toString` is just a parameter. Made by a constructor whose prototype is itself
 * null-prototyped, not by Object.create(null): V8 keeps these objects in fast mode, where
 * Object.create(null) starts each one as a dictionary, which makes more garbage per webhook
 * (docs/performance.md).
 */
function FormFields(): void {
  // Nothing to set up: the point is the prototype below.
}
FormFields.prototype = Object.create(null) as object;
export const newFormBody = (): FormBody => new (FormFields as unknown as new () => FormBody)();

/**
 * undefined when there are more parameters than allowed. One pass over the text with indexOf,
 * no intermediate array of pairs: this runs on every webhook, and in place it costs more than a
 * micro-benchmark of it suggests (docs/performance.md).
 */
export function parseForm(text: string, parameterLimit: number): FormBody | undefined {
  const form = newFormBody();
  let count = 0;
  let nextEquals = -1; // the next '=' at or after `start`; found once per '=', so linear
  for (let start = 0; start < text.length;) {
    let end = text.indexOf('&', start);
    if (end < 0) end = text.length;
    if (end > start) {
      count += 1;
      if (count > parameterLimit) return undefined;
      if (nextEquals < start) {
        nextEquals = text.indexOf('=', start);
        if (nextEquals < 0) nextEquals = Infinity;
      }
      const hasValue = nextEquals < end;
      const key = decode(text.slice(start, hasValue ? nextEquals : end));
      const value = hasValue ? decode(text.slice(nextEquals + 1, end)) : '';
      const existing = form[key];
      if (existing === undefined) form[key] = value;
      else if (Array.isArray(existing)) existing.push(value);
      else form[key] = [existing, value];
    }
    start = end + 1;
  }
  return form;
}

/** Form decoding; a malformed escape (`%zz`) is kept as written, as browsers and qs do. */
function decode(component: string): string {
  const spaced = component.includes('+') ? component.replace(/\+/g, ' ') : component;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/%[0-9a-fA-F]{2}/g, (escape) => {
      const code = parseInt(escape.slice(1), 16);
      return code < 0x80 ? String.fromCharCode(code) : escape;
    });
  }
}

function isForm(type: string | undefined): boolean {
  return type !== undefined && /^application\/x-www-form-urlencoded\s*(;|$)/i.test(type);
}
