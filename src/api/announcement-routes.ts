import type { Router } from 'express';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { AppError, clipForMessage } from '../errors.js';
import type { StatsStore } from '../stats/stats-store.js';
import { findQueue } from '../stats/queue-stats.js';
import type { AnnouncementAccuracy } from '../wait-time/announcement-accuracy.js';
import { viewAccuracy } from './queue-view.js';
import { sendUncached } from './uncached.js';

export interface AnnouncementRouteDeps {
  readonly config: Config;
  readonly clock: Clock;
  readonly stats: StatsStore;
  /** What callers were told against what they waited (fed by the queue events). */
  readonly accuracy: Pick<AnnouncementAccuracy, 'summary' | 'recent' | 'waitingOverTime'>;
}

const iso = (at: number) => new Date(at).toISOString();

/**
 * GET /queues/{name}/announcements: the last hour of what callers were told on entry against
 * the wait that followed (one pair per greeted caller a rep took), and the callers waiting over
 * that hour: what the admin page charts, so supervisors see whether what callers hear is true.
 */
export function addAnnouncementRoutes(router: Router, deps: AnnouncementRouteDeps): void {
  router.get('/queues/:queue/announcements', (req, res) => {
    const requested = req.params.queue ?? '';
    const name =
      findQueue(deps.stats.currentSnapshot(), requested)?.name ??
      (deps.config.queues.includes(requested) ? requested : undefined);
    if (name === undefined) {
      throw new AppError('QUEUE_NOT_FOUND', {
        message: `No queue named or with SID "${clipForMessage(requested)}"`,
      });
    }
    const now = deps.clock.now();
    sendUncached(res, {
      queue: name,
      ...viewAccuracy(deps.accuracy.summary(name, now)),
      told: deps.accuracy.recent(name, now).map((pair) => ({ ...pair, at: iso(pair.at) })),
      waiting: deps.accuracy
        .waitingOverTime(name, now)
        .map((point) => ({ ...point, at: iso(point.at) })),
    });
  });
}
