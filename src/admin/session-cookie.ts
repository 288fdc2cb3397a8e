import type { CookieOptions, Request, Response } from 'express';
import { SESSION_SECONDS } from './session.js';

export const SESSION_COOKIE = 'holdline_admin';

/**
 * Only the admin page's own requests carry it (Path=/admin), never a cross-site one
 * (SameSite=Strict), never a script (HttpOnly), and only over TLS when the app is served over
 * https (PUBLIC_BASE_URL).
 */
export function sessionCookieOptions(publicBaseUrl: string): CookieOptions {
  return {
    path: '/admin',
    httpOnly: true,
    sameSite: 'strict',
    secure: publicBaseUrl.startsWith('https:'),
  };
}

export function setSessionCookie(res: Response, value: string, options: CookieOptions): void {
  res.cookie(SESSION_COOKIE, value, { ...options, maxAge: SESSION_SECONDS * 1000 });
}

export function clearSessionCookie(res: Response, options: CookieOptions): void {
  res.clearCookie(SESSION_COOKIE, options);
}

/** The session cookie's value from the Cookie header (no cookie-parser: one cookie is all we read). */
export function readSessionCookie(req: Request): string | undefined {
  const header = req.headers.cookie;
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(separator + 1).trim();
    return value.startsWith('"') && value.endsWith('"') && value.length >= 2
      ? value.slice(1, -1)
      : value;
  }
  return undefined;
}
