import type { Request } from 'express';
import { parseForm } from '../http/form-body.js';
import type { FormParams } from './signature-digest.js';

/**
 * The first parameter Twilio's request carries more than once, or undefined. Twilio never
 * repeats a parameter in a voice or TaskRouter webhook, and its signature cannot tell a
 * repeat from a single value (each distinct value is signed once), so `CallSid=X&CallSid=X`
 * is a captured request replayed past the once-per-call guards, which read a repeat as absent.
 * Looks where the handlers read Twilio's parameters: a POST's body, a GET's query string.
 */
export function findRepeatedParam(req: Request, body: FormParams): string | undefined {
  if (req.method !== 'GET') return firstRepeated(body);
  const start = req.originalUrl.indexOf('?');
  if (start < 0) return undefined;
  return firstRepeated(parseForm(req.originalUrl.slice(start + 1), Infinity) ?? {});
}

function firstRepeated(params: FormParams): string | undefined {
  for (const name in params) {
    if (typeof params[name] !== 'string') return name;
  }
  return undefined;
}
