import { Router } from 'express';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { StatsStore } from '../stats/stats-store.js';

/**
 * /healthz: the process answers. /readyz: the stats store answers too (a web process that
 * cannot reach its store should be taken out of the load balancer). The age of the stats is
 * reported so an operator sees a stalled poller.
 */
export function createHealthRouter(deps: {
  config: Config;
  clock: Clock;
  stats: StatsStore;
}): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    try {
      const snapshot = await deps.stats.readSnapshot();
      const ageSeconds =
        snapshot === undefined ? null : Math.round((deps.clock.now() - snapshot.fetchedAt) / 1000);
      res.json({ status: 'ready', store: 'ok', statsAgeSeconds: ageSeconds });
    } catch (error) {
      req.log.warn({ err: error }, 'readiness check: stats store unreachable');
      res.status(503).json({ status: 'unavailable', store: 'unreachable', statsAgeSeconds: null });
    }
  });
  return router;
}
