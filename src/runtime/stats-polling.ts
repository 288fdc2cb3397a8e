import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/registry.js';
import { createStatsPoller } from '../stats/poller.js';
import type { StatsSnapshot } from '../stats/queue-stats.js';
import { createTwilioStatsSource } from '../stats/twilio-stats-source.js';
import { twilioClientFor } from './twilio-client.js';
import type { Backend } from './backend.js';
import type { TwilioAccess } from './twilio-access.js';

/**
 * Runs the stats poller: at once when the backend has no poller lock (embedded); otherwise only
 * while this process holds it (any number of workers may run; one polls, another takes over
 * within the lock's ttl when it dies). `stop()` ends the cycle in flight and gives the lock up.
 */
export function startStatsPolling(options: {
  config: Config;
  logger: Logger;
  clock: Clock;
  backend: Pick<Backend, 'stats' | 'metadata' | 'pollerLock'>;
  access: TwilioAccess;
  onSnapshot?: (snapshot: StatsSnapshot) => void;
  metrics?: Metrics;
}): { stop(): Promise<void>; refreshSoon(): void } {
  const { config, logger } = options;
  const cycleTimeoutMs = config.stats.cycleTimeoutSeconds * 1000;
  const client = twilioClientFor(options.access, config, {
    logger,
    // A Retry-After past the cycle's end would only be cut off by the deadline.
    maxRetryAfterMs: cycleTimeoutMs,
    metrics: options.metrics,
  });
  const poller = createStatsPoller({
    source: createTwilioStatsSource({
      client,
      accountSid: options.access.accountSid,
      workspaceSid: options.access.workspaceSid,
    }),
    store: options.backend.stats,
    metadata: options.backend.metadata,
    configuredQueues: config.queues,
    clock: options.clock,
    logger,
    refreshSeconds: config.statsRefreshSeconds,
    window: {
      minutes: config.stats.cumulativePeriodMinutes,
      splitSeconds: config.stats.slaSplitSeconds,
      ...(config.stats.taskChannel === undefined ? {} : { taskChannel: config.stats.taskChannel }),
    },
    concurrency: config.stats.batchSize,
    cycleTimeoutMs,
    ...(options.onSnapshot === undefined ? {} : { onSnapshot: options.onSnapshot }),
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
  });

  const lock = options.backend.pollerLock;
  // Only the running schedule hears it: with a lock, while this process holds it.
  const refreshSoon = () => poller.refreshSoon();
  if (lock === undefined) {
    poller.start();
    return { stop: () => poller.stop(), refreshSoon };
  }
  const leaving = new AbortController();
  const competing = lock.runForLeadership({
    onElected: () => poller.start(),
    onDeposed: (reason) => {
      logger.warn({ reason }, 'no longer the stats poller: stopping');
      void poller.stop();
    },
    signal: leaving.signal,
  });
  return {
    async stop() {
      await poller.stop();
      leaving.abort();
      await competing;
    },
    refreshSoon,
  };
}
