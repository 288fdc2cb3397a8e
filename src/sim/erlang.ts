/** What queueing theory says about an M/M/s queue in steady state. */
export interface ErlangCResult {
  /** The chance that an arriving caller finds every agent busy (Erlang C). */
  readonly probabilityOfWaiting: number;
  /** Mean wait in queue over all callers, zero waits included (same time unit as 1/rate). */
  readonly meanWait: number;
  /** Mean wait of the callers who do wait. */
  readonly meanWaitOfWaiters: number;
}

/**
 * Erlang C for arrival rate λ, service rate μ per agent and s agents. Erlang B comes from its
 * recurrence B(k) = a·B(k−1) / (k + a·B(k−1)) with a = λ/μ: no factorials or powers, so it stays
 * finite and accurate for hundreds of agents where aˢ/s! overflows. Then
 * C = s·B / (s − a·(1 − B)), Wq = C / (sμ − λ). At load ≥ 1 the queue grows without bound:
 * everyone waits, and the mean wait is infinite.
 */
export function erlangC(arrivalRate: number, serviceRate: number, servers: number): ErlangCResult {
  if (!(arrivalRate >= 0 && serviceRate > 0 && Number.isInteger(servers) && servers >= 1)) {
    throw new RangeError('erlangC needs arrivalRate ≥ 0, serviceRate > 0 and servers ≥ 1');
  }
  const offered = arrivalRate / serviceRate;
  if (offered >= servers) {
    return { probabilityOfWaiting: 1, meanWait: Infinity, meanWaitOfWaiters: Infinity };
  }
  let blocking = 1;
  for (let k = 1; k <= servers; k++) blocking = (offered * blocking) / (k + offered * blocking);
  const probabilityOfWaiting = (servers * blocking) / (servers - offered * (1 - blocking));
  const spare = servers * serviceRate - arrivalRate;
  return {
    probabilityOfWaiting,
    meanWait: probabilityOfWaiting / spare,
    meanWaitOfWaiters: 1 / spare,
  };
}
