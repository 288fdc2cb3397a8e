import type { Clock, Wait } from '../../src/clock.js';
import {
  startEmulator,
  type Emulator,
  type StartEmulatorOptions,
} from '../../src/emulator/emulator.js';
import type { Metrics } from '../../src/metrics/registry.js';
import { createMemoryMetadataStore } from '../../src/metadata/memory-metadata-store.js';
import type { MetadataStore } from '../../src/metadata/metadata-store.js';
import { createMemoryStatsStore } from '../../src/stats/memory-stats-store.js';
import { createStatsPoller, type StatsPoller } from '../../src/stats/poller.js';
import type { StatsSnapshot } from '../../src/stats/queue-stats.js';
import type { StatsStore } from '../../src/stats/stats-store.js';
import { createTwilioStatsSource } from '../../src/stats/twilio-stats-source.js';
import { createTwilioRestClient } from '../../src/twilio-rest/rest-client.js';
import { captureLogger, type LogLine } from '../support/capture-logger.js';

export const ACCOUNT_SID = `AC${'a1'.repeat(16)}`;
export const AUTH_TOKEN = 'emulated-auth-token';

export interface PollerHarness {
  readonly emulator: Emulator;
  readonly poller: StatsPoller;
  readonly store: StatsStore;
  readonly metadata: MetadataStore;
  readonly logs: LogLine[];
  close(): Promise<void>;
}

/**
 * The real poller, the real SDK and our HTTP client against the emulator on loopback, with
 * in-memory stores. Retries and backoff are short so fault tests run in well under a second.
 */
export async function startPollerHarness(
  options: {
    emulator?: Partial<StartEmulatorOptions>;
    retryLimit?: number;
    concurrency?: number;
    cycleTimeoutMs?: number;
    timeoutMs?: number;
    maxRequestsPerSecond?: number;
    workspace?: boolean;
    /** QUEUES: kept in the metadata store whether Twilio lists them or not. */
    configuredQueues?: readonly string[];
    onSnapshot?: (snapshot: StatsSnapshot) => void;
    metrics?: Metrics;
    /** The poller's clock (the system's unless given). */
    clock?: Clock;
    /** The poller's wait between two cycles (a real one unless given). */
    wait?: Wait;
    /** The REST client's wait before a retry (a real one unless given). */
    retryWait?: Wait;
  } = {},
): Promise<PollerHarness> {
  const emulator = await startEmulator({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    ...options.emulator,
  });
  const { logger, lines } = captureLogger();
  const client = createTwilioRestClient({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    apiBaseUrl: emulator.baseUrl,
    timeoutMs: options.timeoutMs ?? 2_000,
    retry: { retryLimit: options.retryLimit ?? 3, minBackoffMs: 5, maxBackoffMs: 40 },
    maxRetryAfterMs: 5_000,
    maxRequestsPerSecond: options.maxRequestsPerSecond ?? 10_000,
    logger,
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    ...(options.retryWait === undefined ? {} : { wait: options.retryWait }),
  });
  const store = createMemoryStatsStore();
  const metadata = createMemoryMetadataStore();
  const poller = createStatsPoller({
    source: createTwilioStatsSource({
      client,
      accountSid: ACCOUNT_SID,
      workspaceSid: options.workspace === false ? undefined : emulator.workspaceSid,
    }),
    store,
    metadata,
    ...(options.configuredQueues === undefined
      ? {}
      : { configuredQueues: options.configuredQueues }),
    clock: options.clock ?? { now: () => Date.now() },
    logger,
    refreshSeconds: 15,
    window: { minutes: 30, splitSeconds: [30, 60] },
    concurrency: options.concurrency ?? 4,
    cycleTimeoutMs: options.cycleTimeoutMs ?? 10_000,
    ...(options.onSnapshot === undefined ? {} : { onSnapshot: options.onSnapshot }),
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    ...(options.wait === undefined ? {} : { wait: options.wait }),
  });
  return {
    emulator,
    poller,
    store,
    metadata,
    logs: lines,
    async close() {
      await poller.stop();
      await emulator.close();
    },
  };
}

/** Requests the emulator answered on a path, by regular expression. */
export const requestsTo = (emulator: Emulator, pattern: RegExp) =>
  emulator.requests.entries.filter((entry) => pattern.test(entry.path));

/**
 * For a describe block: starts harnesses with startPollerHarness's options and closes every one
 * it started after each test.
 */
export function usePollerHarnesses(): (
  options?: Parameters<typeof startPollerHarness>[0],
) => Promise<PollerHarness> {
  let started: PollerHarness[] = [];
  afterEach(async () => {
    await Promise.all(started.map((harness) => harness.close()));
    started = [];
  });
  return async (options) => {
    const harness = await startPollerHarness(options);
    started.push(harness);
    return harness;
  };
}
