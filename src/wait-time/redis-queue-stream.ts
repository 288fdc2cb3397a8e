import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { untilReady } from '../redis/client-options.js';
import type { QueueActivity } from './queue-activity.js';
import { fromFields, type SharedQueueEvent } from './queue-event-fields.js';
import {
  createQueueEventOutbox,
  HISTORY_MS,
  queueStreamKey,
  type OutboxStatus,
} from './queue-event-outbox.js';
import type { QueueLearner } from './queue-learner.js';

/**
 * Queue events shared by every web process (Redis mode), so that all of them learn the same
 * rates and count the same callers, whichever process a webhook reached. Each event goes into
 * one Redis stream; every process, the one that wrote it included, applies the stream to its
 * own learner in the stream's order. A process that starts (or reconnects) reads the recent
 * past first, so a restart or a deploy does not start the estimator from nothing.
 */
export interface SharedQueueActivity {
  /**
   * What the webhooks call: hands events to the outbox for the stream, never waiting on Redis
   * (a departure is counted once by the outbox's delivery); `waiting` reads this process's learner.
   */
  readonly activity: QueueActivity;
  /** Events held for the stream and dropped while Redis was away (for metrics). */
  outboxStatus(): OutboxStatus;
  /** Reads the recent past, then follows the stream until stop(). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** How long one XREAD waits for news before asking again (also bounds stop()). */
const BLOCK_MS = 2000;
const BATCH = 500;
const RETRY_AFTER_OUTAGE_MS = 1000;

export function createSharedQueueActivity(options: {
  /** Commands (fail-fast). */
  redis: Redis;
  /** A connection of its own for the blocking reads, with a command timeout above BLOCK_MS. */
  reader: Redis;
  keyPrefix: string;
  learner: QueueLearner;
  logger: Logger;
  now: () => number;
  /** Events held while Redis is away (default DEFAULT_OUTBOX_CAPACITY). */
  outboxCapacity?: number;
}): SharedQueueActivity {
  const { redis, reader, learner, logger } = options;
  const key = queueStreamKey(options.keyPrefix);
  let lastId = '0-0';
  let running = false;
  let loop: Promise<void> | undefined;
  let outage = false;

  const outbox = createQueueEventOutbox({ ...options, capacity: options.outboxCapacity });
  const publish = (event: SharedQueueEvent) => outbox.publish(event);

  const apply = (entries: [id: string, fields: string[]][]) => {
    for (const [id, fields] of entries) {
      lastId = id;
      applyEvent(learner, fields, logger);
    }
  };

  const follow = async () => {
    while (running) {
      try {
        await untilReady(reader);
        const reply = await reader.xread('COUNT', BATCH, 'BLOCK', BLOCK_MS, 'STREAMS', key, lastId);
        if (outage) logger.info('queue event stream is back; catching up');
        outage = false;
        for (const [, entries] of reply ?? []) apply(entries);
      } catch (error) {
        if (!running) return;
        if (!outage) logger.warn({ err: error }, 'queue event stream unreachable; retrying');
        outage = true;
        await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_OUTAGE_MS));
      }
    }
  };

  return {
    activity: {
      callerEntered: (entry) => publish({ kind: 'entered', ...entry }),
      callerLeft: (event) => publish({ kind: 'left', ...event }),
      callerDropped: (entry) => publish({ kind: 'dropped', at: options.now(), ...entry }),
      // Most of Twilio's counts agree with ours: only a correction is worth a stream entry.
      queueSizeObserved: (observation) => {
        if (learner.waiting(observation.queue) !== observation.size) {
          publish({ kind: 'observed', ...observation });
        }
      },
      waiting: (queue) => learner.waiting(queue),
    },

    outboxStatus: () => outbox.status(),

    async start() {
      if (running) return;
      // The recent past first, page by page; then the stream from where the pages ended.
      let from = String(Math.max(0, options.now() - HISTORY_MS));
      try {
        await untilReady(redis);
        for (;;) {
          const page = await redis.xrange(key, from, '+', 'COUNT', BATCH);
          apply(page);
          if (page.length < BATCH) break;
          from = `(${lastId}`;
        }
      } catch (error) {
        // Redis away at start: follow() catches up from the start of the stream once it is back.
        logger.warn({ err: error }, 'could not read past queue events; learning from now on');
      }
      running = true;
      loop = follow();
    },

    async stop() {
      await outbox.stop();
      running = false;
      // A blocking read in flight returns within BLOCK_MS; the loop then sees running = false.
      await loop;
    },
  };
}

/** One stream entry into the learner; an entry it cannot read is skipped, never fatal. */
function applyEvent(learner: QueueLearner, fields: readonly string[], logger: Logger): void {
  const event = fromFields(fields);
  if (event === undefined) logger.warn({ fields }, 'skipped a queue event that could not be read');
  else if (event.kind === 'entered') learner.callerEntered(event);
  else if (event.kind === 'dropped') learner.callerDropped(event);
  else if (event.kind === 'observed') learner.queueSizeObserved(event);
  else learner.callerLeft(event);
}
