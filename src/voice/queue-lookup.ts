import { findQueue, isFresh, type StatsSnapshot } from '../stats/queue-stats.js';

/**
 * Which of our queues a webhook is about: Twilio's QueueSid looked up in the stats cache's
 * directory, else the name we carried in the URL we gave Twilio (which works before the poller
 * has seen the queue's SID). Names outside QUEUES are ignored.
 */
export function resolveQueueName(input: {
  queues: readonly string[];
  carried: string | undefined;
  queueSid: string | undefined;
  snapshot: StatsSnapshot | undefined;
}): string | undefined {
  const known = (name: string | undefined) =>
    name !== undefined && input.queues.includes(name) ? name : undefined;
  const bySid =
    input.queueSid === undefined ? undefined : findQueue(input.snapshot, input.queueSid)?.name;
  return known(bySid) ?? known(input.carried);
}

/** How long the oldest caller of a queue has waited by now, if the cache knows it freshly. */
export function oldestWaitNow(
  snapshot: StatsSnapshot | undefined,
  queue: string,
  now: number,
  refreshSeconds: number,
): number | undefined {
  const stats = findQueue(snapshot, queue);
  if (stats?.longestWaitSeconds === undefined || !isFresh(stats, now, refreshSeconds))
    return undefined;
  if ((stats.waitingCallers ?? 1) === 0) return undefined;
  return stats.longestWaitSeconds + (now - stats.fetchedAt) / 1000;
}
