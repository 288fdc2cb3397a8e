import type { Clock, Wait } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/registry.js';
import { StatsPollLoop } from './poller-loop.js';
import type { QueueMetadata, StatsSnapshot } from './queue-stats.js';
import type { StatsStore } from './stats-store.js';
import type { QueueStatsSource, StatsWindow } from './twilio-stats-source.js';

/** The part of the metadata store the poller needs: keep it in step with the queue list. */
export interface QueueMetadataSource {
  list(): Promise<ReadonlyMap<string, QueueMetadata>>;
  reconcile(
    queueNames: readonly string[],
    defaults: (name: string) => QueueMetadata,
  ): Promise<ReadonlyMap<string, QueueMetadata>>;
}

export interface StatsPollerOptions {
  readonly source: QueueStatsSource;
  readonly store: StatsStore;
  readonly metadata: QueueMetadataSource;
  /**
   * QUEUES: they keep metadata whether Twilio lists them or not (a Voice queue exists only from
   * its first <Enqueue>), so supervisors can set hours before launch.
   */
  readonly configuredQueues?: readonly string[];
  readonly clock: Clock;
  readonly logger: Logger;
  readonly refreshSeconds: number;
  readonly window: StatsWindow;
  /** Per-queue statistics requests in flight at once (QUEUE_STATS_TASKROUTER_STATS_BATCH_SIZE). */
  readonly concurrency: number;
  readonly cycleTimeoutMs: number;
  /** Told every snapshot a cycle built (the wait estimation's count resyncs from it). */
  readonly onSnapshot?: (snapshot: StatsSnapshot) => void;
  readonly metrics?: PollMetrics;
  /** Waits between two cycles (cut short by stop() and refreshSoon() through its signal). */
  readonly wait?: Wait;
}

export type PollMetrics = Pick<
  Metrics,
  'pollCycleDuration' | 'pollRequests' | 'pollRetries' | 'pollFailures' | 'staleQueues'
>;

export interface StatsPoller {
  /** One cycle: read Twilio, merge, write one snapshot. Never rejects for Twilio's failures. */
  runCycle(): Promise<StatsSnapshot>;
  /** Cycles back to back at the refresh period; never two at once. */
  start(): void;
  /** Cuts the running cycle short (what it read is still written) and stops the schedule. */
  stop(): Promise<void>;
  /**
   * Asks the running schedule for a cycle now rather than at the next period (a queue was
   * created or deleted); during a cycle, for another right after it, since that one may have
   * read the listings before the change.
   */
  refreshSoon(): void;
}

/** The poller's state lives in a class (poller-loop.ts); this is its one way in. */
export function createStatsPoller(options: StatsPollerOptions): StatsPoller {
  return new StatsPollLoop(options);
}
