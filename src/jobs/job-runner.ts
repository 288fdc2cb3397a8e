import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/registry.js';
import { mapWithConcurrency } from '../lib/pool.js';
import type { ClaimedBatch, JobFailure } from './job.js';
import type { JobStore } from './job-store.js';

/**
 * Does one item. Resolving counts it done; throwing counts it failed, with the error's message
 * as the reason. Retrying what can be retried (429, 5xx, the network) is the handler's client's
 * job: by the time it throws, the item has had its retries.
 */
export type ItemHandler = (
  item: string,
  context: { readonly params: Readonly<Record<string, string>>; readonly signal: AbortSignal },
) => Promise<void>;

export interface JobRunnerOptions {
  readonly store: JobStore;
  readonly handlers: Readonly<Record<string, ItemHandler>>;
  /** Who holds the leases (process and runner): a restarted process is a new owner. */
  readonly owner: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Items in flight per batch. */
  readonly itemConcurrency: number;
  /**
   * Batches held at once: with more than one, the next batch's items start while the last
   * ones of a batch are still in flight, so the pace never dips between batches.
   */
  readonly batchesAtOnce: number;
  /** How long a claimed batch stays this runner's without renewal. */
  readonly leaseMs: number;
  /** How long to wait before asking again when there is nothing to claim. */
  readonly idleMs: number;
  /** Counts the items this runner finished, once their batch's outcome is recorded. */
  readonly metrics?: Pick<Metrics, 'jobItems'>;
}

export interface JobRunner {
  start(): void;
  /** Stops claiming; batches in flight stop at their next item and are left to a later claim. */
  stop(): Promise<void>;
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { store, clock, logger } = options;
  let stopping: AbortController | undefined;
  let slots: Promise<void>[] = [];

  async function runSlot(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      let claim: ClaimedBatch | undefined;
      try {
        claim = await store.claim(options.owner, clock.now(), options.leaseMs);
      } catch (error) {
        logger.warn({ err: error }, 'jobs: could not claim a batch; trying again');
      }
      if (claim === undefined) {
        await sleep(options.idleMs, undefined, { signal }).catch(() => undefined);
        continue;
      }
      await runBatch(claim, signal).catch((error: unknown) => {
        logger.error({ err: error, job: claim.jobId, batch: claim.batch }, 'jobs: batch failed');
      });
    }
  }

  async function runBatch(claim: ClaimedBatch, stop: AbortSignal): Promise<void> {
    const batch = new AbortController();
    const onStop = () => batch.abort(new Error('runner stopping'));
    stop.addEventListener('abort', onStop);
    // The lease is renewed well before it runs out; a refusal (cancelled, or the lease lost to
    // another runner after a stall) stops the batch at its next item.
    const renewal = setInterval(() => {
      store.renew(claim, clock.now(), options.leaseMs).then(
        (held) => {
          if (!held) batch.abort(new Error('lease lost or job cancelled'));
        },
        (error: unknown) => logger.warn({ err: error, job: claim.jobId }, 'jobs: renewal failed'),
      );
    }, options.leaseMs / 3);
    try {
      const handler = options.handlers[claim.kind];
      const results = await mapWithConcurrency(
        claim.items,
        options.itemConcurrency,
        (item) => {
          if (handler === undefined) throw new Error(`no handler for jobs of kind ${claim.kind}`);
          return handler(item, { params: claim.params, signal: batch.signal });
        },
        batch.signal,
      );
      if (batch.signal.aborted && !(await wasCancelled(claim))) return; // another runner's now
      let done = 0;
      const failures: JobFailure[] = [];
      results.forEach((result, index) => {
        if (result.ok) done += 1;
        else if (!batch.signal.aborted) {
          failures.push({ item: claim.items[index] ?? '', reason: reasonOf(result.error) });
        }
      });
      await store.complete(claim, { done, failures }, clock.now());
      options.metrics?.jobItems.inc({ kind: claim.kind, result: 'done' }, done);
      options.metrics?.jobItems.inc({ kind: claim.kind, result: 'failed' }, failures.length);
    } finally {
      clearInterval(renewal);
      stop.removeEventListener('abort', onStop);
    }
  }

  async function wasCancelled(claim: ClaimedBatch): Promise<boolean> {
    const progress = await store.progress(claim.jobId, clock.now());
    return progress?.state === 'cancelled';
  }

  return {
    start() {
      if (stopping !== undefined) return;
      const controller = new AbortController();
      stopping = controller;
      slots = Array.from({ length: Math.max(1, options.batchesAtOnce) }, () =>
        runSlot(controller.signal),
      );
    },

    async stop() {
      stopping?.abort(new Error('runner stopping'));
      stopping = undefined;
      await Promise.all(slots);
      slots = [];
    },
  };
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
