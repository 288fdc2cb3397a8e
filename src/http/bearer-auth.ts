import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors.js';

/**
 * `Authorization: Bearer <API_TOKEN>`. Compared as SHA-256 digests, so neither the content nor
 * the length of the token leaks through timing. Without a configured token the API is off
 * (503 API_DISABLED): an unset variable must not mean "open to anyone".
 */
export function requireBearerToken(token: string | undefined) {
  const expected = token === undefined ? undefined : digest(token);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (expected === undefined) throw new AppError('API_DISABLED');
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (match?.[1] === undefined || !timingSafeEqual(digest(match[1]), expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="holdline"');
      throw new AppError('UNAUTHORIZED');
    }
    next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
