import type { ArrivalGenerator } from './arrivals.js';
import type { CallerClass } from './call-center-config.js';
import { type Distribution, meanOf } from './distributions.js';
import type { TrueModel } from './prediction.js';
import type { WaitingLine, Waiter } from './waiting-line.js';

/** What the model's parameters are at one instant; every list is in class (priority) order. */
export interface TrueModelInput {
  readonly classes: readonly CallerClass[];
  readonly arrivals: readonly ArrivalGenerator[];
  readonly lines: readonly WaitingLine<Waiter>[];
  readonly service: Distribution;
  readonly agents: number;
  /** Seconds since the start of the run (arrival processes keep their own time from 0). */
  readonly elapsedSeconds: number;
}

export function readTrueModel(input: TrueModelInput): TrueModel {
  const { classes, arrivals, lines, elapsedSeconds } = input;
  const abandonment: Record<string, number> = {};
  const arrival: Record<string, number> = {};
  const waiting: Record<string, number> = {};
  classes.forEach(({ queue, patience }, i) => {
    // 1/mean is the hazard of exponential patience; for other shapes, the nominal rate.
    abandonment[queue] = patience === 'infinite' ? 0 : 1 / meanOf(patience);
    arrival[queue] = (arrivals[i] as ArrivalGenerator).rateAt(elapsedSeconds);
    waiting[queue] = (lines[i] as WaitingLine<Waiter>).waiting;
  });
  return {
    queues: classes.map((c) => c.queue),
    agents: input.agents,
    serviceRatePerAgent: 1 / meanOf(input.service),
    abandonmentRatePerCaller: abandonment,
    arrivalRatePerSecond: arrival,
    waitingByQueue: waiting,
  };
}
