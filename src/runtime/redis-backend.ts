import { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { createRedisEligibilityCache } from '../eligibility/redis-eligibility-cache.js';
import { createRedisJobStore } from '../jobs/redis-job-store.js';
import type { Logger } from '../logger.js';
import { createRedisMetadataStore } from '../metadata/redis-metadata-store.js';
import { failFastRedisOptions } from '../redis/client-options.js';
import { createLeaderLock } from '../stats/poller-lock.js';
import { createRedisStatsStore } from '../stats/redis-stats-store.js';
import { createRedisEventInbox } from '../taskrouter/event-inbox.js';
import { createRedisPaces } from '../twilio-rest/redis-rate-limiter.js';
import { RedisCampaignOwnership } from '../dialer/redis-campaign-ownership.js';
import { RedisRepPresence } from '../reps/redis-rep-presence.js';
import { createRedisSinkLock } from '../dialer/redis-sink-lock.js';
import { RedisCampaignStore } from '../outbound/redis-campaign-store.js';
import { RedisControlLog } from '../outbound/redis-control-log.js';
import { RedisOptOutList } from '../outbound/redis-opt-out-list.js';
import { RedisCallbackStore } from '../callbacks/redis-callback-store.js';
import { RedisVoicemailStore } from '../voicemail/redis-voicemail-store.js';
import { RedisAbandonedNumbers } from '../outbound/redis-abandoned-numbers.js';
import { AbandonmentRecordingStore } from '../outbound/abandonment-recording-store.js';
import { RedisSurveyStore } from '../survey/redis-survey-store.js';
import type { Backend, BackendOptions, RefreshRequests } from './backend.js';
import { openSharedWaitEstimation, publishSnapshotSizes } from './redis-wait-estimation.js';

type RedisSettings = NonNullable<Config['redis']>;

/**
 * How long the poller lock outlives a holder that stopped renewing: the longest the cache goes
 * without a poller when the worker dies. Renewal runs on its own timer, not per cycle, so a long
 * cycle does not endanger the lock.
 */
const POLLER_LOCK_TTL_MS = 10_000;
const POLLER_LOCK_RENEW_MS = 3_000;
/** How long a campaign outlives a worker that stopped renewing before another adopts it. */
const CAMPAIGN_LEASE_MS = 15_000;

/**
 * Shared by every process (REDIS_URL): the stores on one fail-fast connection (a command fails
 * at once while Redis is away instead of queueing), the stats store holding its last read for
 * the call path. A worker's writes (the snapshot and metadata alike) are fenced by the poller
 * lock, so a worker that stalled past its term cannot overwrite its successor's data.
 */
export async function openRedisBackend(
  config: Config,
  settings: RedisSettings,
  options: BackendOptions,
): Promise<Backend> {
  const { logger, metrics } = options;
  const { keyPrefix } = settings;
  const redis = new Redis(settings.url, failFastRedisOptions());
  // ioredis reports every failed reconnection as an 'error' event; the stores log outages.
  redis.on('error', () => undefined);
  const pollerLock =
    options.role === 'worker'
      ? createLeaderLock({
          redis,
          key: `${keyPrefix}poller:lock`,
          ttlMs: POLLER_LOCK_TTL_MS,
          renewIntervalMs: POLLER_LOCK_RENEW_MS,
          logger,
          ...(metrics === undefined ? {} : { metrics }),
        })
      : undefined;
  const fence =
    pollerLock === undefined
      ? {}
      : { writeFence: { lockKey: pollerLock.key, token: () => pollerLock.token() } };
  const stats = createRedisStatsStore({
    redis,
    keyPrefix,
    // Change notices bring each new snapshot at once; the timer only catches missed ones.
    refreshIntervalMs: config.statsRefreshSeconds * 1000,
    logger,
    ...fence,
    ...(metrics === undefined ? {} : { metrics }),
  });
  await stats.start();
  // The control stream's blocking read waits longer than a fail-fast command may: its own link.
  const controlReader = new Redis(settings.url, {
    ...failFastRedisOptions(),
    commandTimeout: undefined,
  });
  controlReader.on('error', () => undefined);
  const control = new RedisControlLog(redis, controlReader, keyPrefix);
  const abandoned = new RedisAbandonedNumbers(redis, keyPrefix);
  return {
    pollsInWebProcess: false,
    stats,
    metadata: createRedisMetadataStore({ redis, keyPrefix, logger, ...fence }),
    jobs: createRedisJobStore({ redis, keyPrefix, logger }),
    paces: createRedisPaces({
      redis,
      keyPrefix,
      fallbackProcesses: settings.paceFallbackProcesses,
      logger,
    }),
    eventInbox: createRedisEventInbox({ redis, keyPrefix }),
    eventStreamsInbox: createRedisEventInbox({ redis, keyPrefix, kind: 'event-streams' }),
    sinkLock: createRedisSinkLock(redis, keyPrefix),
    pollerLock,
    refreshRequests: createRefreshChannel(redis, settings, logger),
    campaigns: new AbandonmentRecordingStore(
      new RedisCampaignStore({ redis, keyPrefix }),
      abandoned,
      logger,
    ),
    control,
    campaignOwnership: new RedisCampaignOwnership(redis, keyPrefix, CAMPAIGN_LEASE_MS),
    repPresence: new RedisRepPresence(redis, keyPrefix),
    optOuts: new RedisOptOutList(redis, keyPrefix),
    abandoned,
    surveys: new RedisSurveyStore(redis, keyPrefix),
    callbacks: new RedisCallbackStore(redis, keyPrefix),
    voicemails: new RedisVoicemailStore(redis, keyPrefix),
    openEligibilityCache: () =>
      Promise.resolve({
        cache: createRedisEligibilityCache({ redis, keyPrefix }),
        close: () => Promise.resolve(),
      }),
    openWaitEstimation: (deps) => openSharedWaitEstimation({ ...deps, config, settings, redis }),
    // The web processes' counts follow the stream; the worker's own estimation is not needed.
    snapshotSizes: ({ clock, logger: sizesLogger }) =>
      publishSnapshotSizes({ keyPrefix, clock, logger: sizesLogger, redis }),
    async close() {
      await control.close();
      await stats.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * Web processes ask the polling worker for a cycle on a channel. The worker listens on a
 * subscriber connection of its own (a subscribed connection can do nothing else).
 */
function createRefreshChannel(
  redis: Redis,
  settings: RedisSettings,
  logger: Logger,
): RefreshRequests {
  const channel = `${settings.keyPrefix}poller:refresh`;
  return {
    request() {
      redis.publish(channel, 'queue-list').catch((error: unknown) => {
        logger.warn({ err: error }, 'could not ask the poller for a cycle; it comes at its period');
      });
    },
    listen(onRequest) {
      // Not fail-fast: it reconnects by itself. The channel is renewed here on every 'ready',
      // not by ioredis, whose SUBSCRIBE after a reconnect has nobody to catch its failure (the
      // link closing before the answer would be an unhandled rejection: see failFastRedisOptions).
      const subscriber = new Redis(settings.url, { autoResubscribe: false });
      subscriber.on('error', () => undefined); // outages show in the poller's logs
      subscriber.on('ready', () => {
        subscriber.subscribe(channel).catch((error: unknown) => {
          if (subscriber.status === 'end') return; // closed meanwhile: nothing to listen for
          logger.warn({ err: error }, 'could not listen for poll requests; polling at the period');
        });
      });
      subscriber.on('message', (from: string) => {
        if (from === channel) onRequest();
      });
      return { close: () => subscriber.disconnect() };
    },
  };
}
