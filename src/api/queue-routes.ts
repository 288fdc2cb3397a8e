import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { AppError, clipForMessage } from '../errors.js';
import { findQueue, type StatsSnapshot } from '../stats/queue-stats.js';
import { readSnapshotOrHeld } from '../stats/read-snapshot.js';
import type { StatsStore } from '../stats/stats-store.js';
import { describeEstimate } from '../voice/announcement.js';
import { estimateOrUnknown } from '../voice/deps.js';
import { estimateForNewCaller } from '../voice/new-caller-estimate.js';
import { createCallbacksAhead } from '../voice/callback-place.js';
import type { CallbackStore } from '../callbacks/callback.js';
import { createQueueVoices } from '../voice/queue-voice.js';
import type { WaitEstimator } from '../wait-time/estimator.js';
import type { QueueActivity } from '../wait-time/queue-activity.js';
import type { MetadataCache } from '../metadata/metadata-cache.js';
import type { Satisfaction } from '../survey/satisfaction.js';
import { createOpeningHours } from '../metadata/opening-hours.js';
import { addAnnouncementRoutes, type AnnouncementRouteDeps } from './announcement-routes.js';
import { addJobRoutes, type JobRouteDeps } from './job-routes.js';
import { addMetadataRoutes, type MetadataRouteDeps } from './metadata-routes.js';
import {
  queuesToView,
  secondsUntilNextCycle,
  viewEstimate,
  viewFreshness,
  viewQueue,
} from './queue-view.js';

export interface QueueRouteDeps extends MetadataRouteDeps, JobRouteDeps, AnnouncementRouteDeps {
  readonly config: Config;
  readonly clock: Clock;
  readonly stats: StatsStore;
  readonly estimator: WaitEstimator;
  /** Its count of callers waiting, fresher than the stats where it has one. */
  readonly activity: Pick<QueueActivity, 'waiting'>;
  /** Hours and names as the call path sees them, and where edits are told. */
  readonly metadata: Pick<MetadataCache, 'get' | 'saved'>;
  /** SMS survey scores per queue; absent: `satisfaction` is null. */
  readonly satisfaction?: { summary(queue: string): Satisfaction };
  /** Callbacks holding a place, counted ahead of a new caller as the greeting counts them. */
  readonly callbacks?: Pick<CallbackStore, 'holdingPlace'>;
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
  const callbacksAheadOf = createCallbacksAhead(deps);
  const newCallerEstimate = async (
    queue: string,
    snapshot: StatsSnapshot | undefined,
    req: Request,
  ) =>
    estimateForNewCaller({
      estimator: deps.estimator,
      activity: deps.activity,
      queue,
      snapshot,
      callbacksAhead: await callbacksAheadOf(queue, clock.now(), req),
      source: req,
    });

  router.get('/queues', async (req, res) => {
    const snapshot = await readForApi(deps, req);
    const now = clock.now();
    const body = {
      fetchedAt: snapshot === undefined ? null : new Date(snapshot.fetchedAt).toISOString(),
      queues: await Promise.all(
        queuesToView(snapshot, config.queues).map(async ({ name, stats }) => {
          const metadata = deps.metadata.get(name);
          return viewQueue(name, stats, {
            config,
            now,
            metadata,
            hours: openingStatus(metadata, now),
            estimate: (await newCallerEstimate(name, snapshot, req)).estimate,
            announcements: deps.accuracy.summary(name, now),
            satisfaction: deps.satisfaction?.summary(name) ?? null,
          });
        }),
      ),
    };
    sendCacheable(req, res, body, secondsUntilNextCycle(snapshot, config.statsRefreshSeconds, now));
  });

  router.get('/queues/:queue/wait-time', async (req, res) => {
    const snapshot = await readForApi(deps, req);
    const requested = req.params.queue ?? '';
    const stats = findQueue(snapshot, requested);
    // A configured queue Twilio has not listed yet still has what we learned of it.
    const name = stats?.name ?? (config.queues.includes(requested) ? requested : undefined);
    if (name === undefined) {
      throw new AppError('QUEUE_NOT_FOUND', {
        message: `No queue named or with SID "${clipForMessage(requested)}"`,
      });
    }
    const asked = readPosition(req.query);
    const { position, estimate } =
      asked === undefined
        ? await newCallerEstimate(name, snapshot, req)
        : {
            position: asked,
            estimate: estimateOrUnknown(
              deps.estimator,
              { queue: name, position: asked, snapshot },
              req,
            ),
          };
    const now = clock.now();
    sendCacheable(
      req,
      res,
      {
        queue: name,
        position: position ?? null,
        estimate: viewEstimate(estimate),
        /** The sentence a caller at this position hears (null when nothing honest can be said). */
        spoken: describeEstimate(estimate, voiceOf(deps.metadata.get(name)).wording) ?? null,
        seenOnTwilio: stats !== undefined,
        ...viewFreshness(stats, now, config.statsRefreshSeconds),
      },
      secondsUntilNextCycle(snapshot, config.statsRefreshSeconds, now),
    );
  });

  addMetadataRoutes(router, deps);
  addJobRoutes(router, deps);
  addAnnouncementRoutes(router, deps);
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
 * `?position=N` (1 = next); undefined when not asked: a caller joining now.
 * `position[]=2`, `position[x]=2` or `position` twice is refused, not read as absent: the
 * client would get the answer for a position it did not ask about.
 */
function readPosition(query: Request['query']): number | undefined {
  const raw = query.position;
  if (Array.isArray(raw) || Object.keys(query).some((key) => key.startsWith('position['))) {
    throw new AppError('INVALID_PARAMETER', {
      message: 'position must be given once, as ?position=N',
    });
  }
  if (raw === undefined) return undefined;
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
