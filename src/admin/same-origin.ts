import type { Request } from 'express';

export type OriginCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly origin: string; readonly expected: string };

/**
 * A browser names the page a state-changing request comes from in `Origin`; one that is present
 * and is not ours (PUBLIC_BASE_URL's origin) is a cross-site request and is refused. Absent
 * (old browsers, curl) is left to the CSRF token, or for the login form to SameSite and the
 * token itself. `Origin: null` (sandboxed frames, and any page whose Referrer-Policy is
 * no-referrer) passes only when the browser also says the request is same-origin
 * (`Sec-Fetch-Site`, which a page cannot set).
 */
export function createOriginCheck(publicBaseUrl: string): (req: Request) => OriginCheck {
  const expected = new URL(publicBaseUrl).origin;
  return (req) => {
    const origin = req.headers.origin;
    if (origin === undefined || origin === expected) return { ok: true };
    if (origin === 'null' && req.headers['sec-fetch-site'] === 'same-origin') return { ok: true };
    return { ok: false, origin, expected };
  };
}

/** GET, HEAD and OPTIONS change nothing; everything else needs the CSRF token. */
export function changesState(req: Request): boolean {
  return req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS';
}
