import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/** How long a login lasts. Logging out clears the cookie; changing ADMIN_TOKEN ends every session. */
export const SESSION_SECONDS = 12 * 60 * 60;

/** A verified session: the signed payload, and the CSRF token bound to it. */
export interface AdminSession {
  readonly expiresAt: number;
  readonly csrfToken: string;
}

export interface SessionKeys {
  /** Compares a typed token with ADMIN_TOKEN in constant time (as digests: length leaks nothing). */
  checkToken(candidate: string): boolean;
  /** A new session cookie value, valid SESSION_SECONDS from `now`. */
  issue(now: number): string;
  /** The session a cookie value carries, or why it carries none. */
  verify(cookie: string | undefined, now: number): SessionCheck;
  /** True when `candidate` is the CSRF token of `session` (constant time). */
  checkCsrf(session: AdminSession, candidate: string | undefined): boolean;
}

export type SessionCheck =
  | { readonly ok: true; readonly session: AdminSession }
  | { readonly ok: false; readonly reason: 'missing' | 'invalid' | 'expired' };

// expiry (ms since epoch) . 128 random bits . HMAC-SHA256, all base64url: nothing to escape in a cookie.
const COOKIE_FORM = /^(\d{1,15})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/**
 * Stateless sessions: the cookie is `expiry.nonce.HMAC(key, expiry.nonce)` with a key derived
 * from the admin token (HKDF), so any web process can check it without a session store, and a
 * new ADMIN_TOKEN invalidates every cookie issued under the old one. The CSRF token is another
 * HMAC of the same payload under a different label: bound to the session, never stored.
 */
export function createSessionKeys(adminToken: string): SessionKeys {
  const expectedToken = digest(adminToken);
  const key = Buffer.from(
    hkdfSync('sha256', adminToken, 'holdline', 'holdline admin session v1', 32),
  );
  const mac = (label: string, payload: string) =>
    createHmac('sha256', key).update(`${label}\n${payload}`).digest('base64url');

  return {
    checkToken: (candidate) => timingSafeEqual(digest(candidate), expectedToken),

    issue(now) {
      const payload = `${now + SESSION_SECONDS * 1000}.${randomBytes(16).toString('base64url')}`;
      return `${payload}.${mac('session', payload)}`;
    },

    verify(cookie, now) {
      if (cookie === undefined || cookie === '') return { ok: false, reason: 'missing' };
      const match = COOKIE_FORM.exec(cookie);
      if (match === null) return { ok: false, reason: 'invalid' };
      const [, expiry, nonce, signature] = match as unknown as [string, string, string, string];
      const payload = `${expiry}.${nonce}`;
      if (!sameDigest(signature, mac('session', payload))) return { ok: false, reason: 'invalid' };
      const expiresAt = Number(expiry);
      if (expiresAt <= now) return { ok: false, reason: 'expired' };
      return { ok: true, session: { expiresAt, csrfToken: mac('csrf', payload) } };
    },

    checkCsrf: (session, candidate) =>
      candidate !== undefined && sameDigest(candidate, session.csrfToken),
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function sameDigest(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}
