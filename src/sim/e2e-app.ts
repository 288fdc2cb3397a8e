import { createApp } from '../app.js';
import type { Clock } from '../clock.js';
import { loadConfig } from '../config.js';
import { createAppServer } from '../http/app-server.js';
import { createLogger } from '../logger.js';
import { createWaitEstimation } from '../runtime/wait-estimation.js';
import { createMetadataCache } from '../metadata/metadata-cache.js';
import { createMemoryMetadataStore } from '../metadata/memory-metadata-store.js';
import { createMemoryEventInbox } from '../taskrouter/event-inbox.js';
import { createMemoryJobStore } from '../jobs/memory-job-store.js';
import { createMetrics } from '../metrics/registry.js';
import { createMemoryStatsStore } from '../stats/memory-stats-store.js';
import { playTrace, type E2eOptions, type E2eReport } from './e2e-driver.js';
import type { TraceEvent } from './e2e-trace.js';
import { findFreePort } from './free-port.js';

/**
 * The app as the server builds it in embedded mode, listening on a loopback port, but on a clock
 * the simulation moves: the end-to-end mode's target. No stats poller: the estimates come from
 * what the app learns of the calls it is played.
 */
export interface E2eApp {
  /**
   * Plays a trace against the app (e2e-driver.ts), on the app's clock, checked against a
   * reference estimator wired as the app is. `priority` is the simulation's queue order, the
   * truth the app's dispatch is held to.
   */
  play(
    trace: readonly TraceEvent[],
    priority: readonly string[],
    options?: Pick<E2eOptions, 'takesReported' | 'onArrival'>,
  ): Promise<E2eReport>;
  /** What the app would tell a caller joining `queue` now (seconds), or undefined. */
  estimateForNewCaller(queue: string): number | undefined;
  stop(): Promise<void>;
}

/** On PREMIUM_CALLERS: routes to the first queue. */
const PREMIUM_CALLER = '+15550100999';

export async function startE2eApp(options: {
  /** The app's QUEUES, in its priority order. */
  queues: readonly string[];
  startAt: number;
}): Promise<E2eApp> {
  const authToken = 'e2e-auth-token-0123456789abcdef';
  let now = options.startAt;
  const clock: Clock = { now: () => now };
  // The port first: PUBLIC_BASE_URL (signatures, TwiML URLs) must name it.
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    PUBLIC_BASE_URL: baseUrl,
    QUEUES: options.queues.join(','),
    PREMIUM_CALLERS: PREMIUM_CALLER,
  });
  const estimation = createWaitEstimation({ config, clock });
  const logger = createLogger({ level: 'warn' });
  // Every queue at its defaults: open around the clock, the app's own announcements.
  const metadataStore = createMemoryMetadataStore();
  const app = createApp({
    config,
    logger,
    clock,
    stats: createMemoryStatsStore(),
    events: estimation.events,
    estimator: estimation.estimator,
    activity: estimation.activity,
    accuracy: estimation.accuracy,
    authToken,
    apiToken: undefined,
    adminToken: undefined,
    metadataStore,
    metadata: createMetadataCache({ store: metadataStore, logger }),
    jobs: createMemoryJobStore(),
    taskRouterEvents: { inbox: createMemoryEventInbox(), listener: () => undefined },
    metrics: createMetrics({ processMetrics: false }),
  });
  const server = createAppServer(app);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    play: (trace, priority, playOptions = {}) =>
      playTrace(trace, {
        ...playOptions,
        baseUrl,
        authToken,
        queues: priority,
        premiumCaller: PREMIUM_CALLER,
        setClock: (at) => (now = at),
        reference: createWaitEstimation({ config, clock }),
        wording: config.announcements,
      }),
    estimateForNewCaller(queue) {
      const position = (estimation.activity.waiting(queue) ?? 0) + 1;
      const estimate = estimation.estimator.estimate({ queue, position, snapshot: undefined });
      return estimate.kind === 'known' ? estimate.seconds : undefined;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
