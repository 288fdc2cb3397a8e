import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors.js';
import { createSignatureDigest } from '../twilio-webhook/signature-digest.js';
import { signedBaseUrls } from '../twilio-webhook/signed-urls.js';

/** A raw body kept by the route's reader, for the body hash. */
export type RawBodyRequest = Request & { rawBody?: Buffer };

/**
 * Who may deliver to /eventstreams:
 * - with EVENT_STREAMS_BASIC_AUTH, the sink's destination URL carries those credentials and
 *   Event Streams sends them on every request: exactly them, or 401;
 * - otherwise Twilio's signature, as twilio-node's validateRequestWithBody checks a JSON body:
 *   X-Twilio-Signature is the HMAC of the URL (its query holds `bodySHA256`, the hex SHA-256 of
 *   the body) with no parameters, and the body must hash to that value. A signature without
 *   `bodySHA256` would not cover the body, so it is refused (403): configure Basic credentials
 *   if deliveries come signed that way.
 */
export function createEventStreamsAuth(options: {
  authToken: string;
  publicBaseUrl: string;
  basicAuth: { readonly user: string; readonly password: string } | undefined;
}) {
  const digest = createSignatureDigest(options.authToken);
  const bases = signedBaseUrls(options.publicBaseUrl);
  const { basicAuth } = options;
  const expectedBasic =
    basicAuth === undefined ? undefined : sha256(`${basicAuth.user}:${basicAuth.password}`);

  return (req: RawBodyRequest, res: Response, next: NextFunction): void => {
    if (expectedBasic !== undefined) {
      const offered = /^Basic\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
      const decoded = offered === undefined ? undefined : Buffer.from(offered, 'base64').toString();
      if (decoded === undefined || !timingSafeEqual(sha256(decoded), expectedBasic)) {
        res.setHeader('WWW-Authenticate', 'Basic realm="holdline event streams"');
        throw new AppError('CREDENTIALS_INVALID');
      }
      next();
      return;
    }
    const signature = req.headers['x-twilio-signature'];
    if (typeof signature !== 'string' || signature === '') {
      throw new AppError('CREDENTIALS_INVALID', {
        message: 'X-Twilio-Signature (or Basic credentials) required',
      });
    }
    const bodyHash = new URL(req.originalUrl, 'http://x').searchParams.get('bodySHA256');
    const signed =
      bodyHash !== null &&
      bases.some((base) => same(signature, digest(base + req.originalUrl, {}))) &&
      same(
        bodyHash,
        createHash('sha256')
          .update(req.rawBody ?? Buffer.alloc(0))
          .digest('hex'),
      );
    if (!signed) throw new AppError('SIGNATURE_INVALID');
    next();
  };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

function same(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
