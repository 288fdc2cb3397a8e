import type { Redis } from 'ioredis';
import { untilReady } from '../redis/client-options.js';
import { fromFields } from './queue-event-fields.js';
import type { QueueEvent, QueueEventLog } from './queue-events.js';
import { queueStreamKey } from './queue-event-outbox.js';

/**
 * The queue-event log in Redis mode. The events travel in the shared stream
 * (redis-queue-stream.ts), and `since` reads them from there. `record` never asks Redis: the
 * once-only check is made when the outbox delivers the departure (queue-event-outbox.ts), in the
 * same atomic step that adds it to the stream, so a queue result that Twilio delivers twice, to
 * two different web processes, reaches the stream once — and a webhook never waits to know it.
 */
export function createRedisQueueEventLog(options: {
  redis: Redis;
  keyPrefix: string;
}): QueueEventLog {
  const { redis, keyPrefix } = options;
  return {
    record: () => Promise.resolve(true),

    async since(queue, since) {
      await untilReady(redis);
      const entries = await redis.xrange(queueStreamKey(keyPrefix), '-', '+');
      const events: QueueEvent[] = [];
      for (const [, fields] of entries) {
        const event = fromFields(fields);
        if (event?.kind !== 'left' || event.queue !== queue || event.at < since) continue;
        const { outcome, waitSeconds, at, callSid } = event;
        events.push({ queue, outcome, waitSeconds, at, callSid });
      }
      return events;
    },
  };
}
