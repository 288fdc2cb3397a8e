import type { CallerRecord } from './call-center-result.js';
import type { Waiter } from './waiting-line.js';

/** A caller inside the simulation, from arrival until its true wait is known. */
export interface SimCaller extends Waiter {
  /** 1, 2, 3 … in arrival order; the callSid is made from it. */
  readonly number: number;
  readonly classIndex: number;
  readonly arrivalAt: number;
  readonly position: number;
  /** Arrived after the warm-up: counted and reported. */
  readonly reported: boolean;
  /** Drawn on arrival, so a seed gives every caller the same call whatever the staffing. */
  readonly serviceMs: number;
  predictions: Readonly<Record<string, number | undefined>>;
  waitedMs: number;
  trueWaitMs: number | undefined;
  abandoned: boolean;
}

export const NO_PREDICTIONS: Readonly<Record<string, number | undefined>> = Object.freeze({});

/** `CA-sim-000042`. Made on demand: a long run without listeners never needs the strings. */
export function callSidOf(caller: SimCaller): string {
  return `CA-sim-${String(caller.number).padStart(6, '0')}`;
}

/** The reported form of a caller whose true wait is known. */
export function toCallerRecord(caller: SimCaller, queue: string): CallerRecord {
  if (caller.trueWaitMs === undefined) throw new Error(`${callSidOf(caller)} has no true wait`);
  return {
    id: callSidOf(caller),
    queue,
    arrivalAt: caller.arrivalAt,
    position: caller.position,
    trueWaitSeconds: caller.trueWaitMs / 1000,
    waitedSeconds: caller.waitedMs / 1000,
    abandoned: caller.abandoned,
    predictions: caller.predictions,
  };
}
