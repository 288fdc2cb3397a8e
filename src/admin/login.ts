import type { CookieOptions, Request, Response } from 'express';
import type { Clock } from '../clock.js';
import type { LoginLimiter } from './login-limiter.js';
import { renderLogin, renderMessage, sendPage } from './pages.js';
import type { OriginCheck } from './same-origin.js';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from './session-cookie.js';
import type { SessionKeys } from './session.js';
import type { AdminViews } from './views.js';

export interface LoginDeps {
  readonly clock: Clock;
  readonly keys: SessionKeys;
  readonly views: AdminViews;
  readonly limiter: LoginLimiter;
  readonly checkOrigin: (req: Request) => OriginCheck;
  readonly cookie: CookieOptions;
}

/**
 * POST /admin/login (form field `token`): a session cookie and 303 to /admin, or the login page
 * again with what went wrong. The Origin check stops login CSRF (a foreign page logging the
 * browser into a session of its choosing). The token is never logged.
 */
export function createLoginHandler(deps: LoginDeps) {
  return (req: Request, res: Response): void => {
    const origin = deps.checkOrigin(req);
    if (!origin.ok) {
      req.log.warn({ origin: origin.origin }, 'admin login refused: sent from another origin');
      sendPage(res, 403, renderLogin(deps.views, { error: wrongOrigin(origin) }));
      return;
    }
    const client = req.ip ?? 'unknown';
    const retryAfter = deps.limiter.retryAfterSeconds(client);
    if (retryAfter > 0) {
      req.log.warn({ ip: client, retryAfter }, 'admin login refused: too many failed attempts');
      res.setHeader('Retry-After', String(retryAfter));
      sendPage(
        res,
        429,
        renderLogin(deps.views, {
          error: `Too many wrong tokens from your address. Try again in ${retryAfter} seconds.`,
        }),
      );
      return;
    }
    const body = req.body as Record<string, unknown> | undefined;
    const token = typeof body?.token === 'string' ? body.token : '';
    if (token === '' || !deps.keys.checkToken(token)) {
      deps.limiter.recordFailure(client);
      req.log.warn({ ip: client, tokenGiven: token !== '' }, 'admin login refused: wrong token');
      sendPage(
        res,
        401,
        renderLogin(deps.views, {
          error:
            token === ''
              ? 'Enter the admin token.'
              : 'That token is not right. Check it and try again.',
        }),
      );
      return;
    }
    deps.limiter.recordSuccess(client);
    setSessionCookie(res, deps.keys.issue(deps.clock.now()), deps.cookie);
    req.log.info({ ip: client }, 'admin logged in');
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, '/admin');
  };
}

/**
 * POST /admin/logout (form field `_csrf`, or the X-CSRF-Token header): clears the cookie. The
 * cookie is stateless, so a copy taken before logging out stays valid until it expires; changing
 * ADMIN_TOKEN ends every session at once.
 */
export function createLogoutHandler(deps: LoginDeps) {
  return (req: Request, res: Response): void => {
    const origin = deps.checkOrigin(req);
    const check = deps.keys.verify(readSessionCookie(req), deps.clock.now());
    if (check.ok) {
      const body = req.body as Record<string, unknown> | undefined;
      const field = typeof body?._csrf === 'string' ? body._csrf : req.get('x-csrf-token');
      if (!origin.ok || !deps.keys.checkCsrf(check.session, field)) {
        req.log.warn(
          { origin: req.headers.origin, csrfGiven: field !== undefined },
          'admin logout refused: failed the CSRF check',
        );
        sendPage(
          res,
          403,
          renderMessage(deps.views, {
            title: 'Not logged out',
            message: origin.ok
              ? 'This logout form has expired. Go back, reload the page and log out again.'
              : wrongOrigin(origin),
          }),
        );
        return;
      }
    }
    clearSessionCookie(res, deps.cookie);
    res.setHeader('Cache-Control', 'no-store');
    res.redirect(303, '/admin?logged-out');
  };
}

function wrongOrigin(origin: Extract<OriginCheck, { ok: false }>): string {
  return (
    `This form was sent from ${origin.origin}, not from ${origin.expected} (PUBLIC_BASE_URL). ` +
    `Open the admin page at ${origin.expected}/admin and try again.`
  );
}
