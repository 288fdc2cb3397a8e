import type { Redis } from 'ioredis';
import { untilReady } from '../stats/redis-client-options.js';
import { fromFields } from './queue-event-fields.js';
import type { QueueEvent, QueueEventLog } from './queue-events.js';
import { HISTORY_MS, queueStreamKey } from './queue-event-publisher.js';

/**
 * The queue-event log in Redis mode. `record` is the shared once-only check: a queue result that
 * Twilio delivers twice, to two different web processes, is new to exactly one of them (SET NX
 * per queue and CallSid, kept as long as the stream keeps events). The events themselves travel
 * in the shared stream (redis-queue-stream.ts); `since` reads them from there.
 */
export function createRedisQueueEventLog(options: {
  redis: Redis;
  keyPrefix: string;
}): QueueEventLog {
  const { redis, keyPrefix } = options;
  return {
    async record(event) {
      if (event.callSid === undefined) return true;
      const key = `${keyPrefix}queue-event:${event.queue}:${event.callSid}`;
      await untilReady(redis);
      return (await redis.set(key, String(event.at), 'PX', HISTORY_MS, 'NX')) === 'OK';
    },

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
