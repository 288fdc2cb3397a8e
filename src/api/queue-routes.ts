import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { AppError, clipForMessage } from '../errors.js';
import { findQueue, isFresh, type StatsSnapshot } from '../stats/queue-stats.js';
import { readSnapshotOrHeld } from '../stats/read-snapshot.js';
import type { StatsStore } from '../stats/stats-store.js';
import { describeEstimate } from '../voice/announcement.js';
import { estimateOrUnknown } from '../voice/deps.js';
import { createQueueVoices } from '../voice/queue-voice.js';
import type { WaitEstimator } from '../wait-time/estimator.js';
import type { QueueActivity } from '../wait-time/queue-activity.js';
import type { MetadataCache } from '../metadata/metadata-cache.js';
import { createOpeningHours } from '../metadata/opening-hours.js';
import { addJobRoutes, type JobRouteDeps } from './job-routes.js';
import { addMetadataRoutes, type MetadataRouteDeps } from './metadata-routes.js';
import { secondsUntilNextCycle, viewEstimate, viewQueue } from './queue-view.js';

export interface QueueRouteDeps extends MetadataRouteDeps, JobRouteDeps {
  readonly config: Config;
  readonly clock: Clock;
  readonly stats: StatsStore;
  readonly estimator: WaitEstimator;
  /** Its count of callers waiting, fresher than the stats where it has one. */
  readonly activity: Pick<QueueActivity, 'waiting'>;
  /** Hours and names as the call path sees them, and where edits are told. */
  readonly metadata: Pick<MetadataCache, 'get' | 'saved'>;
}

/**
 * The queue routes, relative to where they are mounted and without authentication: /api
 * mounts them behind the bearer token, /admin/api behind the admin session.
 */
export function createQueueRoutes(deps: QueueRouteDeps): Router {
  const { config, clock } = deps;
  const voiceOf = createQueueVoices(config);
  const openingStatus = createOpeningHours();
  const router = Router();

  router.get('/queues', async (req, res) => {
    const snapshot = await readForApi(deps, req);
    const now = clock.now();
    const body = {
      fetchedAt: snapshot === undefined ? null : new Date(snapshot.fetchedAt).toISOString(),
      queues: (snapshot?.queues ?? []).map((q) => {
        const metadata = deps.metadata.get(q.name);
        const position = (deps.activity.waiting(q.name) ?? q.waitingCallers ?? 0) + 1;
        return viewQueue(q, {
          config,
          now,
          metadata,
          hours: openingStatus(metadata, now),
          estimate: estimateOrUnknown(deps.estimator, { queue: q.name, position, snapshot }, req),
        });
      }),
    };
    sendCacheable(req, res, body, secondsUntilNextCycle(snapshot, config.statsRefreshSeconds, now));
  });

  router.get('/queues/:queue/wait-time', async (req, res) => {
    const snapshot = await readForApi(deps, req);
    const queue = findQueue(snapshot, req.params.queue ?? '');
    if (queue === undefined) {
      throw new AppError('QUEUE_NOT_FOUND', {
        message: `No queue named or with SID "${clipForMessage(req.params.queue ?? '')}"`,
      });
    }
    const position = readPosition(
      req.query,
      deps.activity.waiting(queue.name) ?? queue.waitingCallers,
    );
    const estimate = estimateOrUnknown(
      deps.estimator,
      { queue: queue.name, position, snapshot },
      req,
    );
    const now = clock.now();
    sendCacheable(
      req,
      res,
      {
        queue: queue.name,
        position,
        estimate: viewEstimate(estimate),
        /** The sentence a caller at this position hears (null when nothing honest can be said). */
        spoken: describeEstimate(estimate, voiceOf(deps.metadata.get(queue.name)).wording) ?? null,
        fetchedAt: new Date(queue.fetchedAt).toISOString(),
        stale: !isFresh(queue, now, config.statsRefreshSeconds),
      },
      secondsUntilNextCycle(snapshot, config.statsRefreshSeconds, now),
    );
  });

  addMetadataRoutes(router, deps);
  addJobRoutes(router, deps);
  return router;
}

/**
 * When the store cannot answer, the API answers from the last snapshot this process read (each
 * queue's `stale` and `fetchedAt` then tell the client how old it is) rather than with a 503.
 */
async function readForApi(deps: QueueRouteDeps, req: Request): Promise<StatsSnapshot | undefined> {
  const { snapshot } = await readSnapshotOrHeld(deps.stats, (error) =>
    req.log.warn(
      { err: error },
      'stats store unreachable; the API answers from the last snapshot read',
    ),
  );
  return snapshot;
}

/**
 * A caller's position: `?position=N` (1 = next), else where a caller joining now would be.
 * `position[]=2`, `position[x]=2` or `position` twice is refused, not read as absent: the
 * client would get the answer for a position it did not ask about.
 */
function readPosition(query: Request['query'], waiting: number | undefined): number {
  const raw = query.position;
  if (Array.isArray(raw) || Object.keys(query).some((key) => key.startsWith('position['))) {
    throw new AppError('INVALID_PARAMETER', {
      message: 'position must be given once, as ?position=N',
    });
  }
  if (raw === undefined) return (waiting ?? 0) + 1;
  const position = typeof raw === 'string' && /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isInteger(position) || position < 1) {
    throw new AppError('INVALID_PARAMETER', { message: 'position must be a whole number from 1' });
  }
  return position;
}

/** A strong ETag over the body, and a max-age until the next poll: cheap to poll, never stale for long. */
function sendCacheable(req: Request, res: Response, body: unknown, maxAgeSeconds: number): void {
  const json = JSON.stringify(body);
  res.setHeader('ETag', `"${createHash('sha1').update(json).digest('base64url')}"`);
  res.setHeader('Cache-Control', `private, max-age=${maxAgeSeconds}`);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.type('application/json').send(json);
}
