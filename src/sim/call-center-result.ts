/** A reported caller who had to wait (one who found a free agent is only counted). */
export interface CallerRecord {
  /** Also the callSid given to listeners. */
  readonly id: string;
  readonly queue: string;
  /** Virtual ms. */
  readonly arrivalAt: number;
  /** Its position on arrival, 1 = next in its queue. */
  readonly position: number;
  /** Ground truth: the wait it would have had with unlimited patience. */
  readonly trueWaitSeconds: number;
  /** What it actually waited: until taken, or until it hung up. */
  readonly waitedSeconds: number;
  readonly abandoned: boolean;
  readonly predictions: Readonly<Record<string, number | undefined>>;
}

/** Counts over the reported callers of one queue. */
export interface QueueSummary {
  readonly queue: string;
  readonly arrived: number;
  /** Taken by an agent, including those who did not wait. */
  readonly served: number;
  readonly abandoned: number;
  readonly servedWithoutWaiting: number;
  /**
   * Callers whose true wait never became known: the run ended with no agent left to reach
   * them (a schedule ending at 0 agents). They are left out of `callers` and the mean.
   */
  readonly unresolved: number;
  /** Mean true wait over every reported caller with a known truth, zero waits included. */
  readonly meanTrueWaitSeconds: number | undefined;
}

export interface SimulationResult {
  /** In arrival order. */
  readonly callers: readonly CallerRecord[];
  /** In priority order. */
  readonly queues: readonly QueueSummary[];
  /** Virtual ms when the last event happened. */
  readonly endedAt: number;
}

/** Running counts of one queue, turned into its summary at the end. */
export class QueueTally {
  arrived = 0;
  served = 0;
  abandoned = 0;
  servedWithoutWaiting = 0;
  private resolved = 0; // callers with a known truth
  private trueWaitSum = 0;

  constructor(readonly queue: string) {}

  /** A caller's truth became known (0 for one served on arrival). */
  resolve(trueWaitSeconds: number): void {
    this.resolved++;
    this.trueWaitSum += trueWaitSeconds;
  }

  summary(): QueueSummary {
    return {
      queue: this.queue,
      arrived: this.arrived,
      served: this.served,
      abandoned: this.abandoned,
      servedWithoutWaiting: this.servedWithoutWaiting,
      unresolved: this.arrived - this.resolved,
      meanTrueWaitSeconds: this.resolved === 0 ? undefined : this.trueWaitSum / this.resolved,
    };
  }
}
