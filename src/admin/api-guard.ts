import type { NextFunction, Request, Response } from 'express';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import { changesState, type OriginCheck } from './same-origin.js';
import { readSessionCookie } from './session-cookie.js';
import type { SessionKeys } from './session.js';

/**
 * Codes the admin API answers besides the app's catalogue (src/errors.ts), in the same
 * `{error:{code,message}}` shape.
 */
export const adminErrors = {
  ADMIN_DISABLED: { status: 503, message: 'The admin page is off: set ADMIN_TOKEN to turn it on' },
  CSRF_FAILED: {
    status: 403,
    message: 'The request lacks a valid CSRF token or comes from another origin; reload the page',
  },
} as const;

export function sendAdminError(
  res: Response,
  code: keyof typeof adminErrors,
  message: string = adminErrors[code].message,
): void {
  res.status(adminErrors[code].status).json({ error: { code, message } });
}

/**
 * In front of the JSON routes under /admin/api: a valid session cookie (else 401 UNAUTHORIZED),
 * and for anything that changes state a same-origin request carrying the session's CSRF token
 * in X-CSRF-Token (else 403 CSRF_FAILED). The token is a custom header, so a cross-site form
 * cannot send it and a cross-site script would need a CORS preflight we never grant.
 */
export function createApiGuard(deps: {
  clock: Clock;
  keys: SessionKeys | undefined;
  checkOrigin: (req: Request) => OriginCheck;
}) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const { keys } = deps;
    if (keys === undefined) {
      sendAdminError(res, 'ADMIN_DISABLED');
      return;
    }
    const check = keys.verify(readSessionCookie(req), deps.clock.now());
    if (!check.ok) {
      throw new AppError('UNAUTHORIZED', {
        message:
          check.reason === 'expired'
            ? 'The admin session has expired: log in again'
            : 'Log in to the admin page first',
      });
    }
    if (changesState(req)) {
      const origin = deps.checkOrigin(req);
      if (!origin.ok) {
        req.log.warn({ origin: origin.origin }, 'admin API refused: request from another origin');
        sendAdminError(
          res,
          'CSRF_FAILED',
          `Requests from ${origin.origin} are refused; use the admin page at ${origin.expected}/admin`,
        );
        return;
      }
      const token = req.get('x-csrf-token');
      if (!keys.checkCsrf(check.session, token)) {
        req.log.warn(
          { method: req.method, path: req.originalUrl, csrfGiven: token !== undefined },
          'admin API refused: missing or wrong CSRF token',
        );
        sendAdminError(res, 'CSRF_FAILED');
        return;
      }
    }
    res.setHeader('Cache-Control', 'private, no-cache');
    next();
  };
}
