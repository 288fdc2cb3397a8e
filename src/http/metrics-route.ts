import express, { Router, type Express, type Request, type Response } from 'express';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { requireBearerToken } from './bearer-auth.js';
import { AppError, clipForMessage } from '../errors.js';
import { createErrorHandler } from './error-handler.js';
import { createRefusalLog } from './refusal-log.js';
import { installRequestContext } from './request-context.js';
import type { JobStore } from '../jobs/job-store.js';
import type { JobState } from '../jobs/job.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/registry.js';

export interface MetricsRouteDeps {
  readonly metrics: Metrics;
  /** The job store, read at scrape time for jobs by state; undefined where there is none. */
  readonly jobs?: JobStore;
  readonly clock: Clock;
}

const JOB_STATES: readonly JobState[] = ['running', 'done', 'cancelled'];

/**
 * Who may read /metrics, from METRICS_TOKEN and METRICS_PORT:
 * - `port`: only on a listener of its own (the main app answers 404), with the token when set;
 * - `app`: on the main app, behind a bearer token (METRICS_TOKEN, or in demo mode the demo API
 *   token, so the demo shows them without opening them to anyone);
 * - `off`: production with neither: not served at all (404).
 */
export type MetricsExposure =
  | { readonly where: 'port'; readonly port: number; readonly token: string | undefined }
  | { readonly where: 'app'; readonly token: string }
  | { readonly where: 'off' };

export function metricsExposure(config: Config, demoApiToken: string | undefined): MetricsExposure {
  const { token, port } = config.metrics;
  if (port !== undefined) return { where: 'port', port, token };
  if (token !== undefined) return { where: 'app', token };
  if (config.mode === 'demo' && demoApiToken !== undefined)
    return { where: 'app', token: demoApiToken };
  return { where: 'off' };
}

/** GET /metrics behind the bearer token when there is one; a token's absence means open. */
export function createMetricsRouter(deps: MetricsRouteDeps, token: string | undefined): Router {
  const router = Router();
  const guard =
    token === undefined
      ? (_req: Request, _res: Response, next: () => void) => next()
      : requireBearerToken(token);
  router.get('/metrics', guard, async (_req: Request, res: Response) => {
    await refreshJobGauge(deps);
    const text = await deps.metrics.registry.metrics();
    res.setHeader('Content-Type', deps.metrics.registry.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.end(text);
  });
  return router;
}

/** The separate METRICS_PORT listener's app: /metrics and nothing else. */
export function createMetricsApp(
  deps: MetricsRouteDeps & { readonly logger: Logger },
  token: string | undefined,
): Express {
  const app = express();
  app.disable('x-powered-by');
  installRequestContext(app, deps.logger);
  app.use(createMetricsRouter(deps, token));
  app.use((req: Request) => {
    throw new AppError('NOT_FOUND', {
      message: `No route for ${req.method} ${clipForMessage(req.path)}`,
    });
  });
  app.use(
    createErrorHandler({ refusals: createRefusalLog({ logger: deps.logger, clock: deps.clock }) }),
  );
  return app;
}

/**
 * Jobs live in the store (shared by every process in Redis mode), so their states are read when
 * scraped rather than counted here. A store that cannot answer leaves the last figures.
 */
async function refreshJobGauge(deps: MetricsRouteDeps): Promise<void> {
  if (deps.jobs === undefined) return;
  let list;
  try {
    list = await deps.jobs.list(deps.clock.now());
  } catch {
    return;
  }
  const counts = new Map<JobState, number>(JOB_STATES.map((state) => [state, 0]));
  for (const job of list) counts.set(job.state, (counts.get(job.state) ?? 0) + 1);
  for (const [state, count] of counts) deps.metrics.jobs.set({ state }, count);
}
