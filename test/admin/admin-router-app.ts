import express, { Router, type Express } from 'express';
import helmet from 'helmet';
import request from 'supertest';
import { createAdminRouter } from '../../src/admin/router.js';
import { SESSION_COOKIE } from '../../src/admin/session-cookie.js';
import type { Clock } from '../../src/clock.js';
import { loadConfig, type Config } from '../../src/config.js';
import { AppError } from '../../src/errors.js';
import { createErrorHandler } from '../../src/http/error-handler.js';
import { createRefusalLog } from '../../src/http/refusal-log.js';
import { installRequestContext } from '../../src/http/request-context.js';
import { captureLogger, type LogLine } from '../support/capture-logger.js';

export const ORIGIN = 'https://holdline.example.test';
export const TOKEN = 'admin-token-for-tests-0123456789';
export const START = Date.parse('2026-11-23T10:00:00Z');

/** What the stand-in queue API saw, so a test can tell whether a refused request got through. */
export interface ApiCall {
  method: string;
  path: string;
  ifMatch: string | undefined;
  body: unknown;
}

/**
 * The admin router alone, wired as createApp wires it (request context, helmet, the one error
 * handler), in front of a small queue API that records what reaches it. For the session, CSRF
 * and page rules; test/admin/admin-app.test.ts covers the real queue routes behind it.
 */
export function buildAdminRouterApp(
  options: { adminToken?: string | null; publicBaseUrl?: string } = {},
) {
  const config: Config = loadConfig({ PUBLIC_BASE_URL: options.publicBaseUrl ?? ORIGIN });
  let now = START;
  const clock: Clock = { now: () => now };
  const { logger, lines: logs } = captureLogger('debug');
  const calls: ApiCall[] = [];

  const queueApi = Router();
  queueApi.use(express.json());
  queueApi.get('/queues', (_req, res) => {
    res.json({ fetchedAt: null, queues: [] });
  });
  queueApi.put('/queues/:queue/metadata', (req, res) => {
    calls.push({
      method: req.method,
      path: req.path,
      ifMatch: req.get('if-match'),
      body: req.body as unknown,
    });
    res.json({ queue: req.params.queue, version: 2, metadata: req.body as unknown });
  });
  queueApi.get('/boom', () => {
    throw new AppError('QUEUE_NOT_FOUND');
  });

  const app: Express = express();
  app.disable('x-powered-by');
  installRequestContext(app, logger);
  app.use(helmet());
  app.use(
    createAdminRouter({
      config,
      clock,
      adminToken: options.adminToken === null ? undefined : (options.adminToken ?? TOKEN),
      queueApi,
    }),
  );
  app.use((req) => {
    throw new AppError('NOT_FOUND', { message: `No route for ${req.method} ${req.path}` });
  });
  app.use(createErrorHandler({ refusals: createRefusalLog({ logger, clock }) }));

  /** Logs in with the right token; the session cookie ("name=value") and the CSRF token. */
  const login = async (): Promise<{ cookie: string; csrf: string }> => {
    const res = await request(app)
      .post('/admin/login')
      .type('form')
      .set('Origin', ORIGIN)
      .send({ token: TOKEN });
    const cookie = sessionCookieOf(res.headers['set-cookie']);
    if (res.status !== 303 || cookie === undefined) throw new Error(`login failed: ${res.status}`);
    const page = await request(app).get('/admin').set('Cookie', cookie);
    return { cookie, csrf: csrfOf(page.text) };
  };

  return {
    app,
    config,
    logs,
    calls,
    login,
    advance: (ms: number) => (now += ms),
  };
}

/** The session cookie as a browser would send it back ("name=value"), from Set-Cookie lines. */
export function sessionCookieOf(setCookie: string[] | string | undefined): string | undefined {
  const lines = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  const line = lines.find((l) => l.startsWith(`${SESSION_COOKIE}=`));
  return line?.split(';')[0];
}

/** The CSRF token the dashboard carries in <meta name="csrf-token">. */
export function csrfOf(html: string): string {
  const match = /<meta name="csrf-token" content="([^"]*)"/.exec(html);
  if (match?.[1] === undefined) throw new Error('no CSRF token on the page');
  return match[1];
}

export function textOf(logs: readonly LogLine[]): string {
  return logs.map((line) => JSON.stringify(line)).join('\n');
}
