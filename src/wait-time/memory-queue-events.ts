import type { QueueEvent, QueueEventLog } from './queue-events.js';

/** Events per queue kept in memory; the oldest go first once a queue holds this many. */
const DEFAULT_CAPACITY_PER_QUEUE = 5000;

export function createMemoryQueueEventLog(
  capacityPerQueue = DEFAULT_CAPACITY_PER_QUEUE,
): QueueEventLog {
  const byQueue = new Map<string, QueueEvent[]>();
  const seen = new Map<string, Set<string>>();

  return {
    record(event) {
      const events = byQueue.get(event.queue) ?? [];
      const calls = seen.get(event.queue) ?? new Set<string>();
      if (event.callSid !== undefined && calls.has(event.callSid)) return Promise.resolve(false);
      events.push(event);
      if (event.callSid !== undefined) calls.add(event.callSid);
      while (events.length > capacityPerQueue) {
        const dropped = events.shift();
        if (dropped?.callSid !== undefined) calls.delete(dropped.callSid);
      }
      byQueue.set(event.queue, events);
      seen.set(event.queue, calls);
      return Promise.resolve(true);
    },
    since(queue, since) {
      const events = byQueue.get(queue) ?? [];
      return Promise.resolve(events.filter((e) => e.at >= since));
    },
  };
}
