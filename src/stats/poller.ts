import { realWait, type Clock, type Wait } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/registry.js';
import {
  newRestTally,
  runWithRestContext,
  type RestTally,
} from '../twilio-rest/rest-call-context.js';
import { buildSnapshot, listingsComplete, type CycleReadings } from './build-snapshot.js';
import { describeError } from '../lib/paging.js';
import { mapWithConcurrency } from '../lib/pool.js';
import { defaultQueueMetadata } from '../metadata/queue-metadata.js';
import type { QueueMetadata, StatsSnapshot } from './queue-stats.js';
import type { StatsStore } from './stats-store.js';
import type { TaskRouterFields } from './taskrouter-stats.js';
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

export function createStatsPoller(options: StatsPollerOptions): StatsPoller {
  const { logger, clock } = options;
  let last: StatsSnapshot | undefined;
  let lastLoaded = false;
  let running: AbortController | undefined;
  let loop: Promise<void> | undefined;
  /** Aborted by stop(): ends the loop's schedule. */
  let schedule: AbortController | undefined;
  /** Aborted by refreshSoon(): ends the wait between two cycles early. */
  let wake: AbortController | undefined;
  let refreshWanted = false;

  /** A restarted poller (or a new leader) carries on from the stored snapshot's good data. */
  async function previousSnapshot(): Promise<StatsSnapshot | undefined> {
    if (!lastLoaded) {
      try {
        last = (await options.store.readSnapshot()) ?? last;
        lastLoaded = true;
      } catch (error) {
        logger.warn(
          { err: error },
          'stats poller: could not read the last snapshot; starting fresh',
        );
      }
    }
    return last ?? options.store.currentSnapshot();
  }

  async function runCycle(): Promise<StatsSnapshot> {
    const startedAt = clock.now();
    const started = performance.now();
    const controller = new AbortController();
    running = controller;
    const deadline = setTimeout(
      () => controller.abort(new Error(`cycle deadline of ${options.cycleTimeoutMs} ms passed`)),
      options.cycleTimeoutMs,
    );
    const tally = newRestTally();
    let outcome: 'complete' | 'incomplete' | 'failed' = 'failed';
    try {
      const previous = await previousSnapshot();
      const readings = await runWithRestContext({ signal: controller.signal, tally }, () =>
        readTwilio(options, controller.signal),
      );
      const metadata = await keepMetadataInStep(options, readings, previous);
      const snapshot = buildSnapshot({
        previous,
        readings,
        metadata,
        now: clock.now(),
        refreshSeconds: options.refreshSeconds,
        cycle: {
          startedAt,
          durationMs: Math.round(performance.now() - started),
          requests: tally.requests,
          retries: tally.retries,
          complete: listingsComplete(readings) && readings.statisticsErrors.size === 0,
        },
      });
      await writeSnapshot(snapshot);
      tellListener(snapshot);
      logCycle(snapshot, tally, readings, controller.signal);
      outcome = snapshot.cycle?.complete === true ? 'complete' : 'incomplete';
      options.metrics?.staleQueues.set(snapshot.queues.filter((q) => q.stale === true).length);
      return snapshot;
    } finally {
      recordCycle(options.metrics, outcome, (performance.now() - started) / 1000, tally);
      clearTimeout(deadline);
      if (running === controller) running = undefined;
    }
  }

  async function writeSnapshot(snapshot: StatsSnapshot): Promise<void> {
    try {
      await options.store.writeSnapshot(snapshot);
      last = snapshot;
    } catch (error) {
      // The next cycle merges over the last snapshot that was written, and tries again.
      logger.error({ err: error }, 'stats poller: could not write the snapshot');
    }
  }

  function tellListener(snapshot: StatsSnapshot): void {
    try {
      options.onSnapshot?.(snapshot);
    } catch (error) {
      logger.error({ err: error }, 'stats poller: a snapshot listener failed');
    }
  }

  function logCycle(
    snapshot: StatsSnapshot,
    tally: RestTally,
    readings: CycleReadings,
    signal: AbortSignal,
  ): void {
    const problems = [
      readings.taskQueues?.problem,
      readings.voiceQueues.problem,
      ...[...readings.statisticsErrors.values()].slice(0, 3),
    ].filter((p): p is string => p !== undefined);
    const line = {
      queues: snapshot.queues.length,
      staleQueues: snapshot.cycle?.failedQueues ?? 0,
      requests: tally.requests,
      retries: tally.retries,
      failedCalls: tally.failures,
      durationMs: snapshot.cycle?.durationMs,
      complete: snapshot.cycle?.complete,
      ...(signal.aborted ? { cutOff: describeError(signal.reason) } : {}),
      ...(problems.length > 0 ? { problems } : {}),
    };
    if (snapshot.cycle?.complete === true) logger.info(line, 'stats cycle');
    else logger.warn(line, 'stats cycle incomplete: kept the last good numbers where reads failed');
  }

  return {
    runCycle,
    start() {
      if (schedule !== undefined && !schedule.signal.aborted) return; // already running
      // A new term (say, re-elected after another poller ran meanwhile) merges over what is
      // stored now, not over what this process wrote before.
      lastLoaded = false;
      const controller = new AbortController();
      schedule = controller;
      // A loop still winding down from stop() (its cut-off cycle writing) finishes first:
      // deposed and re-elected within one cycle must end with one loop running, not none.
      const previous = loop;
      loop = (async () => {
        await previous;
        while (!controller.signal.aborted) {
          const began = clock.now();
          refreshWanted = false;
          try {
            await runCycle();
          } catch (error) {
            logger.error({ err: error }, 'stats poller: cycle failed');
          }
          if (refreshWanted) continue;
          const wait = Math.max(0, began + options.refreshSeconds * 1000 - clock.now());
          wake = new AbortController();
          const either = AbortSignal.any([controller.signal, wake.signal]);
          await (options.wait ?? realWait)(wait, either).catch(() => undefined);
        }
      })();
    },
    refreshSoon() {
      refreshWanted = true;
      wake?.abort();
    },
    async stop() {
      schedule?.abort(new Error('poller stopping'));
      running?.abort(new Error('poller stopping'));
      const current = loop;
      await current;
      if (loop === current) loop = undefined;
    },
  };
}

function recordCycle(
  metrics: PollMetrics | undefined,
  outcome: string,
  seconds: number,
  tally: RestTally,
): void {
  if (metrics === undefined) return;
  metrics.pollCycleDuration.observe({ outcome }, seconds);
  metrics.pollRequests.inc(tally.requests);
  metrics.pollRetries.inc(tally.retries);
  metrics.pollFailures.inc(tally.failures);
}

/** The three listings at once, then per-queue statistics for any queue the bulk list lacked. */
async function readTwilio(
  options: StatsPollerOptions,
  signal: AbortSignal,
): Promise<CycleReadings> {
  const { source, window } = options;
  const [taskQueues, bulk, voiceQueues] = await Promise.all([
    source.hasTaskRouter ? source.listTaskQueues() : undefined,
    source.hasTaskRouter ? source.listQueueStatistics(window) : undefined,
    source.listVoiceQueues(),
  ]);
  const statistics = new Map<string, TaskRouterFields>(
    (bulk?.items ?? []).map((item) => [item.taskQueueSid, item.fields]),
  );
  const statisticsErrors = new Map<string, string>();
  const missing = (taskQueues?.items ?? []).filter((q) => !statistics.has(q.sid));
  if (missing.length > 0) {
    const results = await mapWithConcurrency(
      missing,
      options.concurrency,
      (queue) => source.fetchQueueStatistics(queue.sid, window),
      signal,
    );
    results.forEach((result, i) => {
      const queue = missing[i];
      if (queue === undefined) return;
      if (result.ok) statistics.set(queue.sid, result.value.fields);
      else
        statisticsErrors.set(
          queue.sid,
          `statistics of ${queue.name}: ${describeError(result.error)}`,
        );
    });
  }
  return { taskQueues, statistics, statisticsErrors, voiceQueues };
}

/**
 * New queues get default metadata and deleted ones lose theirs, but only after a cycle that
 * saw every listing to its end; otherwise the stored metadata is read as it is. Configured
 * queues always have metadata, listed or not. A metadata store that cannot answer leaves each
 * queue with the metadata it had.
 */
async function keepMetadataInStep(
  options: StatsPollerOptions,
  readings: CycleReadings,
  previous: StatsSnapshot | undefined,
): Promise<ReadonlyMap<string, QueueMetadata>> {
  const configured = options.configuredQueues ?? [];
  try {
    if (!listingsComplete(readings)) {
      const stored = await options.metadata.list();
      if (configured.every((name) => stored.has(name))) return stored;
      // Adds the missing configured queues and keeps every stored one: a cut-off listing
      // proves nothing about the queues it did not reach.
      return await options.metadata.reconcile(
        [...new Set([...stored.keys(), ...configured])],
        defaultQueueMetadata,
      );
    }
    const names = new Set([
      ...(readings.taskQueues?.items ?? []).map((q) => q.name),
      ...readings.voiceQueues.items.map((q) => q.name),
      ...configured,
    ]);
    return await options.metadata.reconcile([...names], defaultQueueMetadata);
  } catch (error) {
    options.logger.warn(
      { err: error },
      'stats poller: queue metadata unavailable; keeping what each queue had',
    );
    const kept = new Map<string, QueueMetadata>();
    for (const q of previous?.queues ?? [])
      if (q.metadata !== undefined) kept.set(q.name, q.metadata);
    return kept;
  }
}
