import { findQueue, isFresh, type StatsSnapshot } from '../stats/queue-stats.js';
import { byPlace, HOLDS_PLACE, type Callback } from './callback.js';

/**
 * Whether a callback may be dialed now: nobody still waiting in its queue entered before it.
 * That is the queue is empty, or its oldest caller has waited less than the callback's caller
 * would have by now. Everything else says no (never early): stats that are stale or missing,
 * or taken before the caller left the queue (they would still count the caller themselves).
 */
export function isCallbackDue(input: {
  callback: Pick<Callback, 'queue' | 'enteredAt' | 'requestedAt'>;
  snapshot: StatsSnapshot | undefined;
  now: number;
  refreshSeconds: number;
}): boolean {
  const { callback, now } = input;
  const stats = findQueue(input.snapshot, callback.queue);
  if (stats === undefined || !isFresh(stats, now, input.refreshSeconds)) return false;
  if (stats.fetchedAt <= callback.requestedAt) return false;
  if (stats.waitingCallers === 0) return true;
  if (stats.longestWaitSeconds === undefined) return false;
  // The oldest caller of the snapshot, aged to now (if still there: if not, the next poll says so).
  const oldestWaitMs = stats.longestWaitSeconds * 1000 + (now - stats.fetchedAt);
  return oldestWaitMs < now - callback.enteredAt;
}

/**
 * The callbacks of one queue that may be dialed now, oldest place first: the earlier ones go
 * first, so the list stops at the first that is not due.
 */
export function dueCallbacks(input: {
  callbacks: readonly Callback[];
  queue: string;
  snapshot: StatsSnapshot | undefined;
  now: number;
  refreshSeconds: number;
}): Callback[] {
  const due: Callback[] = [];
  const pending = input.callbacks
    .filter((c) => c.queue === input.queue && c.state === 'waiting')
    .sort(byPlace);
  for (const callback of pending) {
    if (!isCallbackDue({ ...input, callback })) break;
    due.push(callback);
  }
  return due;
}

/**
 * Callbacks of the queue that keep a place ahead of a caller who entered at `enteredAt`: still
 * waiting or being dialed, and entered before them.
 */
export function callbacksAhead(
  callbacks: readonly Callback[],
  queue: string,
  enteredAt: number,
): number {
  return callbacks.filter(
    (c) => c.queue === queue && HOLDS_PLACE.includes(c.state) && c.enteredAt < enteredAt,
  ).length;
}
