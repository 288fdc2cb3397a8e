import { findQueue } from '../../src/stats/queue-stats.js';
import type { PredictionContext, Predictor } from '../../src/sim/prediction.js';
import type { QueueActivityListener } from '../../src/wait-time/queue-activity.js';
import { loadConfig } from '../../src/config.js';
import { createWaitEstimation } from '../../src/runtime/wait-estimation.js';
import { predictQueueWaitSeconds } from '../../src/wait-time/queue-length-predictor.js';

/**
 * The predictors compared on the same simulated callers. Those that learn from queue events
 * are listeners as well; the simulator calls them exactly as the webhooks would.
 */
export interface Contender {
  readonly predictor: Predictor;
  readonly listener?: QueueActivityListener;
}

export const PREDICTOR_NAMES = [
  'holdline',
  'oracle',
  'average30',
  'avgQueueTime',
  'asterisk',
  'lastToEnterService',
] as const;
export type PredictorName = (typeof PREDICTOR_NAMES)[number];

/** What a reader of the chart and the tables calls each predictor. */
export const PREDICTOR_LABELS: Readonly<Record<PredictorName, string>> = {
  holdline: 'holdline (learned)',
  oracle: 'oracle (true rates)',
  average30: '30-min average wait',
  avgQueueTime: "Twilio's AvgQueueTime",
  asterisk: 'Asterisk hold time',
  lastToEnterService: 'last caller taken',
};

/**
 * holdline as the app runs it in embedded mode, with its default settings (server.ts wires the
 * same createWaitEstimation): fed the simulated queue events, on the simulator's clock; the
 * position is the app's own count of callers in the queue, plus one, as /voice/incoming has it.
 * `onHold`: the position is the simulator's instead, as a wait turn has it (Twilio's
 * QueuePosition plus the callbacks ahead).
 */
export function holdline(options: {
  now: () => number;
  queues: readonly string[];
  onHold?: boolean;
}): Contender {
  const config = loadConfig({ QUEUES: options.queues.join(',') });
  const { estimator, activity } = createWaitEstimation({
    config,
    clock: { now: options.now },
  });
  return {
    listener: activity,
    predictor: ({ queue, stats, position, callbacksAhead }) => {
      // The greeting: behind the callers it counts and every callback holding a place.
      const joining = (activity.waiting(queue) ?? 0) + 1 + (callbacksAhead ?? 0);
      const estimate = estimator.estimate({
        queue,
        position: options.onHold === true ? position : joining,
        snapshot: stats,
      });
      return estimate.kind === 'known' ? estimate.seconds : undefined;
    },
  };
}

/**
 * The same queue-length predictor with the true parameters and the true state: agents × rate,
 * less what higher-priority arrivals take; each class's true patience rate. It is the bar the
 * learned estimator is held to.
 */
export const oracle: Contender = {
  predictor: ({ queue, position, truth }: PredictionContext) => {
    const rank = truth.queues.indexOf(queue);
    const higher = truth.queues.slice(0, Math.max(0, rank));
    const capacity = truth.agents * truth.serviceRatePerAgent;
    const takenAbove = higher.reduce((sum, q) => sum + (truth.arrivalRatePerSecond[q] ?? 0), 0);
    // An overloaded top class leaves this one (almost) nothing: a long, finite answer.
    const serviceRate = Math.max(capacity - takenAbove, capacity * 0.01);
    return predictQueueWaitSeconds({
      position,
      waitingAhead: higher.reduce((sum, q) => sum + (truth.waitingByQueue[q] ?? 0), 0),
      serviceRate,
      abandonmentRate: truth.abandonmentRatePerCaller[queue] ?? 0,
    });
  },
};

/** The original designs: TaskRouter's average wait of callers accepted in the last 30 minutes. */
export const average30: Contender = {
  predictor: ({ queue, stats }) => findQueue(stats, queue)?.averageAcceptedWaitSeconds,
};

/** Twilio's AvgQueueTime: the average age of the callers waiting now. */
export const avgQueueTime: Contender = {
  predictor: ({ queue, stats }) => findQueue(stats, queue)?.averageWaitSeconds,
};

/** A listener that hears only callers taken by an agent, with how long they waited. */
const onServed = (take: (queue: string, waitSeconds: number) => void): QueueActivityListener => ({
  callerEntered: () => undefined,
  callerLeft: ({ queue, outcome, waitSeconds }) => {
    if (outcome === 'served') take(queue, waitSeconds);
  },
});

/**
 * Asterisk app_queue: the hold time smoothed as ¾ old + ¼ new at each caller taken; the
 * announcement is that minus the time already waited (none, on arrival).
 */
export function asterisk(): Contender {
  const holdTime = new Map<string, number>();
  return {
    listener: onServed((queue, waited) => {
      const old = holdTime.get(queue);
      holdTime.set(queue, old === undefined ? waited : (3 * old + waited) / 4);
    }),
    predictor: ({ queue }) => holdTime.get(queue),
  };
}

/** Last-to-enter-service: the wait of the caller most recently taken from this queue. */
export function lastToEnterService(): Contender {
  const last = new Map<string, number>();
  return {
    listener: onServed((queue, waited) => last.set(queue, waited)),
    predictor: ({ queue }) => last.get(queue),
  };
}
