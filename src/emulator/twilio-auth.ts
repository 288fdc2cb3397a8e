import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { twilioErrors } from './twilio-errors.js';

/** HTTP Basic with accountSid:authToken, as Twilio's REST API takes it; else 401 code 20003. */
export function createTwilioAuth(credentials: {
  accountSid: string;
  authToken: string;
}): RequestHandler {
  const expected = digest(`${credentials.accountSid}:${credentials.authToken}`);
  return (req, _res, next) => {
    const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(req.headers.authorization ?? '');
    const given = match?.[1] === undefined ? undefined : Buffer.from(match[1], 'base64').toString();
    // Compare digests: equal length, constant time, whatever was sent.
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      next(twilioErrors.unauthorized());
      return;
    }
    next();
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
