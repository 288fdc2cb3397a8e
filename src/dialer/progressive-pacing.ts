import type { Attempt } from '../outbound/attempt.js';

/**
 * Progressive dialing: never more calls ringing, or callees waiting for a rep, than reps parked
 * on the campaign's queue for as long as those calls could ring. A rep who is not parked there
 * (on an inbound call, checking the inbound queues) could not take a callee within 2 seconds.
 */
export function progressiveCapacity(parkedReps: number, active: readonly Attempt[]): number {
  const outstanding = active.filter(
    (a) => a.connectedAt === undefined && a.abandonedAt === undefined,
  ).length;
  return progressiveCalls(parkedReps, outstanding);
}

/**
 * The same rule on counts: new calls so that calls outstanding (queued, ringing, or answered
 * and waiting for a rep) never outnumber the free reps. The campaign simulator's progressive
 * pacer uses it too, so the benchmark scores the rule the dialer runs.
 */
export function progressiveCalls(freeReps: number, outstanding: number): number {
  return Math.max(0, freeReps - outstanding);
}
