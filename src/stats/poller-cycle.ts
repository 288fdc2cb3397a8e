import { describeError } from '../lib/paging.js';
import { mapWithConcurrency } from '../lib/pool.js';
import { defaultQueueMetadata } from '../metadata/queue-metadata.js';
import type { RestTally } from '../twilio-rest/rest-call-context.js';
import { listingsComplete, type CycleReadings } from './build-snapshot.js';
import type { PollMetrics, StatsPollerOptions } from './poller.js';
import type { QueueMetadata, StatsSnapshot } from './queue-stats.js';
import type { TaskRouterFields } from './taskrouter-stats.js';

/**
 * The steps of one poll cycle that hold no state between cycles: what it reads from Twilio, how
 * it keeps the queues' metadata in step, what it counts and logs. The poller's loop (poller-loop.ts)
 * runs them and keeps what must outlive a cycle.
 */

/** The three listings at once, then per-queue statistics for any queue the bulk list lacked. */
export async function readTwilio(
  options: Pick<StatsPollerOptions, 'source' | 'window' | 'concurrency'>,
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
export async function keepMetadataInStep(
  options: Pick<StatsPollerOptions, 'metadata' | 'configuredQueues' | 'logger'>,
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

export function recordCycle(
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

/** What the cycle's log line says: its counts, why it was cut off, its first problems. */
export function cycleLogLine(
  snapshot: StatsSnapshot,
  tally: RestTally,
  readings: CycleReadings,
  signal: AbortSignal,
): Record<string, unknown> {
  const problems = [
    readings.taskQueues?.problem,
    readings.voiceQueues.problem,
    ...[...readings.statisticsErrors.values()].slice(0, 3),
  ].filter((p): p is string => p !== undefined);
  return {
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
}
