import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { createApiGuard } from './api-guard.js';
import { sendFavicon } from './favicon.js';
import { createLoginHandler, createLogoutHandler, type LoginDeps } from './login.js';
import { createLoginLimiter } from './login-limiter.js';
import { renderDisabled, renderLogin, renderMessage, sendPage } from './pages.js';
import { createOriginCheck } from './same-origin.js';
import { clearSessionCookie, readSessionCookie, sessionCookieOptions } from './session-cookie.js';
import { createSessionKeys } from './session.js';
import { loadAdminViews } from './views.js';

export interface AdminDeps {
  /** config.publicBaseUrl: the origin state-changing requests must come from; https = Secure cookie. */
  readonly config: Config;
  readonly clock: Clock;
  /** ADMIN_TOKEN (or the demo one); undefined = the admin page is off (503 page saying to set ADMIN_TOKEN). */
  readonly adminToken: string | undefined;
  /** The JSON queue routes, without authentication, to mount under /admin/api behind the session + CSRF check. */
  readonly queueApi: Router;
  /** The JSON campaign routes, mounted the same way; absent when outbound campaigns are off. */
  readonly campaignApi?: Router;
  /**
   * The JSON callback and voicemail routes (GET /callbacks, POST /callbacks/{id}/cancel, GET
   * /voicemails, POST /voicemails/{id}/done), mounted the same way; absent when the app keeps
   * neither.
   */
  readonly supervisorApi?: Router;
}

/**
 * The admin page, for supervisors: every path under /admin (mount at the app root, after
 * helmet: the pages rely on its Content-Security-Policy, and serve no inline script).
 *
 * - GET /admin: the dashboard with a session, else the login page.
 * - POST /admin/login, POST /admin/logout: form posts, answered with 303 to /admin.
 * - GET /admin/assets/<file>: the page's CSS and script; GET /favicon.ico: its icon.
 * - /admin/api/*: `deps.queueApi`, `deps.campaignApi` and `deps.supervisorApi` (which parse
 *   their own bodies) behind the session and CSRF checks (api-guard.ts).
 */
export function createAdminRouter(deps: AdminDeps): Router {
  const { config, clock } = deps;
  const views = loadAdminViews();
  const keys = deps.adminToken === undefined ? undefined : createSessionKeys(deps.adminToken);
  const checkOrigin = createOriginCheck(config.publicBaseUrl);
  const cookie = sessionCookieOptions(config.publicBaseUrl);
  const parseForm = express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 20 });
  const router = Router();

  router.get('/admin/assets/:file', (req, res) => views.serveAsset(req, res));
  router.get('/favicon.ico', sendFavicon);

  router.use(
    '/admin/api',
    createApiGuard({ clock, keys, checkOrigin }),
    deps.queueApi,
    ...(deps.campaignApi === undefined ? [] : [deps.campaignApi]),
    ...(deps.supervisorApi === undefined ? [] : [deps.supervisorApi]),
    (req: Request) => {
      throw new AppError('NOT_FOUND', {
        message: `No admin API route for ${req.method} ${req.baseUrl}${req.path}`,
      });
    },
  );

  if (keys === undefined) {
    router.use('/admin', (_req: Request, res: Response) =>
      sendPage(res, 503, renderDisabled(views)),
    );
    return router;
  }

  const login: LoginDeps = {
    clock,
    keys,
    views,
    limiter: createLoginLimiter(clock),
    checkOrigin,
    cookie,
  };

  router.get('/admin', (req, res) => {
    const check = keys.verify(readSessionCookie(req), clock.now());
    if (check.ok) {
      sendPage(res, 200, views.render('dashboard', { csrfToken: check.session.csrfToken }));
      return;
    }
    if (check.reason !== 'missing') clearSessionCookie(res, cookie);
    const notice =
      check.reason !== 'missing'
        ? 'Your session has ended. Log in again.'
        : req.query['logged-out'] !== undefined
          ? 'You have logged out.'
          : undefined;
    sendPage(res, 200, renderLogin(views, notice === undefined ? {} : { notice }));
  });
  router.get('/admin/login', (_req, res) => res.redirect(303, '/admin'));
  router.post('/admin/login', parseForm, createLoginHandler(login));
  router.post('/admin/logout', parseForm, createLogoutHandler(login));

  router.use('/admin', (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      next(
        new AppError('NOT_FOUND', {
          message: `No route for ${req.method} ${req.baseUrl}${req.path}`,
        }),
      );
      return;
    }
    sendPage(
      res,
      404,
      renderMessage(views, {
        title: 'Not found',
        message: 'There is no such admin page.',
        detail: 'The admin page is at /admin.',
      }),
    );
  });
  return router;
}
