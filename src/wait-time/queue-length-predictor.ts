/**
 * The queue-length predictor with abandonment (Ibrahim & Whitt, "Real-time delay estimation
 * based on delay history", MSOM 2009; and for overloaded queues with abandonment, Management
 * Science 2009), in the form holdline uses for one queue among several priority tiers.
 *
 * A caller at position n moves up each time an agent takes the caller at the head or somebody
 * ahead hangs up. With k − 1 callers ahead, that happens at rate c + (k − 1)θ, where c is the
 * rate at which agents take callers from this queue while it has a backlog and θ each waiting
 * caller's rate of giving up. The caller's own patience does not count: the prediction is the
 * wait they will have if they stay. So the expected wait is Σ_{k=1..n} 1 / (c + (k − 1)θ).
 *
 * Callers waiting in higher-priority queues are taken first. They are counted as if ahead in
 * line, at rate c and without abandonment: a slight overestimate (some of them will hang up),
 * and callers forgive an early answer more readily than a late one.
 */
export interface QueueLengthInput {
  /** 1 = next to be served in this queue. */
  readonly position: number;
  /** Callers waiting now in queues served before this one. */
  readonly waitingAhead: number;
  /** c: callers per second agents take from this queue while it has a backlog (> 0). */
  readonly serviceRate: number;
  /** θ: per waiting caller, per second (≥ 0). */
  readonly abandonmentRate: number;
}

export function predictQueueWaitSeconds(input: QueueLengthInput): number {
  const { position, waitingAhead, serviceRate, abandonmentRate } = input;
  if (!(serviceRate > 0) || !(abandonmentRate >= 0)) {
    throw new RangeError(`rates must be positive (c=${serviceRate}, θ=${abandonmentRate})`);
  }
  let seconds = Math.max(0, waitingAhead) / serviceRate;
  for (let k = 1; k <= position; k += 1) {
    seconds += 1 / (serviceRate + (k - 1) * abandonmentRate);
  }
  return seconds;
}
