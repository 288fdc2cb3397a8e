import { Router } from 'express';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { isFresh } from '../stats/queue-stats.js';
import { readSnapshotOrHeld } from '../stats/read-snapshot.js';
import type { StatsStore } from '../stats/stats-store.js';

/**
 * /healthz: the process answers (point load balancers here: webhooks answer from memory even
 * while the store is down). /readyz: the store answers and the poller keeps the stats fresh;
 * for monitoring and alerting, and for deploys that should wait for a first snapshot. It says
 * which part is wrong, how old the stats are and how the last cycle went.
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
    const { snapshot, storeReachable } = await readSnapshotOrHeld(deps.stats, (error) =>
      req.log.warn({ err: error }, 'readiness check: stats store unreachable'),
    );
    const store = storeReachable ? 'ok' : 'unreachable';
    const now = deps.clock.now();
    const stats =
      snapshot === undefined
        ? 'none'
        : isFresh({ name: '', fetchedAt: snapshot.fetchedAt }, now, deps.config.statsRefreshSeconds)
          ? 'fresh'
          : 'stale';
    const ready = store === 'ok' && stats === 'fresh';
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'unavailable',
      store,
      stats,
      statsAgeSeconds:
        snapshot === undefined ? null : Math.round((now - snapshot.fetchedAt) / 1000),
      staleQueues:
        snapshot === undefined ? null : snapshot.queues.filter((q) => q.stale === true).length,
      lastCycle: snapshot?.cycle ?? null,
    });
  });
  return router;
}
