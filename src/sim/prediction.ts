import type { StatsSnapshot } from '../stats/queue-stats.js';

/**
 * The true parameters of the system at one instant: what an oracle model would know. Records
 * are keyed by queue name, in priority order (`queues`).
 */
export interface TrueModel {
  readonly queues: readonly string[];
  /** Agents the staffing calls for now (those leaving after their call are not counted). */
  readonly agents: number;
  /** 1 / mean call length, per second. */
  readonly serviceRatePerAgent: number;
  /**
   * 1 / mean patience, per second; 0 for infinite patience. The exact hazard only for
   * exponential patience; for lognormal it is the nominal rate.
   */
  readonly abandonmentRatePerCaller: Readonly<Record<string, number>>;
  /** Arrival rate of each class at this instant, per second. */
  readonly arrivalRatePerSecond: Readonly<Record<string, number>>;
  /** Real callers waiting now, ghosts excluded (the arriving caller not yet counted). */
  readonly waitingByQueue: Readonly<Record<string, number>>;
}

/** What a predictor is told about an arriving caller who has to wait. */
export interface PredictionContext {
  readonly queue: string;
  /** 1 = next within its own queue: real callers already waiting there + 1. */
  readonly position: number;
  /** Virtual ms. */
  readonly now: number;
  readonly truth: TrueModel;
  /** The newest stats snapshot the app would hold now (made ≥ staleness ago); none early on. */
  readonly stats: StatsSnapshot | undefined;
  /** Callbacks holding a place ahead of this caller (counted in `position`); absent: none. */
  readonly callbacksAhead?: number;
}

/**
 * A wait prediction in seconds; undefined = no prediction for this caller. Asked on arrival about
 * every reported caller (arrived after the warm-up) who finds no free agent, before listeners
 * hear of the caller.
 */
export type Predictor = (context: PredictionContext) => number | undefined;
