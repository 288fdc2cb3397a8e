import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { untilReady } from '../redis/client-options.js';
import { toFields, type SharedQueueEvent } from './queue-event-fields.js';
import { DELIVER_LUA } from './queue-event-outbox-script.js';

/** Replayed on start, and kept in the stream: several half-lives and the longest waits. */
export const HISTORY_MS = 6 * 3600 * 1000;

export const queueStreamKey = (keyPrefix: string) => `${keyPrefix}queue-events`;

/** Taken by the first report of a caller leaving a queue; later reports find it and add nothing. */
const departureKey = (keyPrefix: string, queue: string, callSid: string) =>
  `${keyPrefix}queue-event:${queue}:${callSid}`;

/** Events a process holds while Redis is away: minutes of a busy call center's events. */
export const DEFAULT_OUTBOX_CAPACITY = 10_000;
const BATCH = 200;
const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5000;
const STOP_GRACE_MS = 2000;

export interface OutboxStatus {
  /** Events held, not yet in the stream. */
  readonly depth: number;
  /** Events dropped since the start because the outbox was full. */
  readonly dropped: number;
}

export interface QueueEventOutbox {
  /** Takes an event for the shared stream; never waits and never throws. */
  publish(event: SharedQueueEvent): void;
  status(): OutboxStatus;
  /** Delivers what it holds, for a short grace while Redis answers, then stops for good. */
  stop(): Promise<void>;
}

interface Held {
  readonly seq: number;
  readonly event: SharedQueueEvent;
}

/**
 * The one way queue events reach the shared stream (Redis mode). A webhook hands its event over
 * and answers; one loop per process delivers the events in order, in batches, each batch one
 * script (queue-event-outbox-script.ts) that also makes a departure count once across processes.
 * While Redis is down or stalled the loop retries with a capped backoff and the events wait here,
 * at most `capacity` of them: when full, the oldest go first, because the learner weighs recent
 * events most and the oldest are the ones it would have discounted by the time Redis is back.
 * One line when events start to be held, one at the first drop, one when all is delivered.
 */
export function createQueueEventOutbox(options: {
  /** Commands (fail-fast). */
  redis: Redis;
  keyPrefix: string;
  logger: Logger;
  now: () => number;
  capacity?: number;
}): QueueEventOutbox {
  const { redis, keyPrefix, logger } = options;
  const capacity = Math.max(1, options.capacity ?? DEFAULT_OUTBOX_CAPACITY);
  const streamKey = queueStreamKey(keyPrefix);
  const progressKey = `${keyPrefix}queue-outbox:${randomUUID()}`;
  let queued: Held[] = [];
  let head = 0;
  let inFlight: Held[] = [];
  let seq = 0;
  let dropped = 0;
  /** Since events were first held back (a failed delivery or a drop) until all are delivered. */
  let holding: { since: number; dropped: number; warned: boolean } | undefined;
  let running: Promise<void> | undefined;
  let halted = false;
  let wake: (() => void) | undefined;

  const depth = () => queued.length - head + inFlight.length;

  // A head index instead of shift(), which copies the array: compacted once half is spent.
  const compact = () => {
    if (head * 2 < queued.length) return;
    queued = queued.slice(head);
    head = 0;
  };

  const take = (): Held[] => {
    const batch = queued.slice(head, head + BATCH);
    head += batch.length;
    compact();
    return batch;
  };

  const dropOldest = () => {
    head += 1;
    compact();
    dropped += 1;
    holding ??= { since: performance.now(), dropped: 0, warned: false };
    holding.dropped += 1;
    if (holding.dropped === 1) {
      logger.warn({ capacity }, 'queue event outbox full; dropping the oldest events');
    }
  };

  const deliver = async (batch: readonly Held[]) => {
    const keys = [streamKey, progressKey];
    const args: (string | number)[] = [HISTORY_MS, Math.max(0, options.now() - HISTORY_MS)];
    for (const { seq: n, event } of batch) {
      let once = 0;
      if (event.kind === 'left' && event.callSid !== undefined) {
        once = keys.push(departureKey(keyPrefix, event.queue, event.callSid));
      }
      const fields = toFields(event);
      args.push(n, once, fields.length, ...fields);
    }
    await untilReady(redis);
    const reply = await redis.eval(DELIVER_LUA, keys.length, ...keys, ...args);
    batch.forEach(({ event }, i) => {
      if (Array.isArray(reply) && reply[i] === 0 && event.kind === 'left') {
        logger.info({ callSid: event.callSid, queue: event.queue }, 'queue event already recorded');
      }
    });
  };

  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const drain = async () => {
    let delay = FIRST_RETRY_MS;
    while (!halted) {
      if (inFlight.length === 0) inFlight = take();
      if (inFlight.length === 0) break;
      try {
        await deliver(inFlight);
        inFlight = [];
        delay = FIRST_RETRY_MS;
      } catch (error) {
        const err = error instanceof Error ? error.message : String(error);
        holding ??= { since: performance.now(), dropped: 0, warned: false };
        if (holding.warned) logger.debug({ err, depth: depth() }, 'queue event delivery failed');
        else {
          holding.warned = true;
          logger.warn(
            { err, depth: depth() },
            'queue events held locally: Redis unreachable; delivering them in order when it is back',
          );
        }
        await pause(delay + Math.floor(Math.random() * delay * 0.2));
        delay = Math.min(delay * 2, MAX_RETRY_MS);
      }
    }
    if (holding !== undefined && depth() === 0) {
      logger.info(
        { dropped: holding.dropped, heldMs: Math.round(performance.now() - holding.since) },
        'queue event outbox drained: every held event is in the stream',
      );
      holding = undefined;
    }
    running = undefined;
  };

  return {
    publish(event) {
      if (halted) {
        dropped += 1;
        return;
      }
      queued.push({ seq: ++seq, event });
      if (depth() > capacity && queued.length > head) dropOldest();
      running ??= drain();
    },

    status: () => ({ depth: depth(), dropped }),

    async stop() {
      const grace = setTimeout(() => {
        halted = true;
        wake?.();
      }, STOP_GRACE_MS);
      wake?.();
      await running;
      clearTimeout(grace);
      halted = true;
      if (depth() > 0) {
        logger.warn(
          { lost: depth(), dropped: holding?.dropped ?? 0 },
          'queue events not delivered before shutdown',
        );
      }
    },
  };
}
