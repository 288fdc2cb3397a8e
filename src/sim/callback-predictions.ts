import type { AgentPool } from './agent-pool.js';
import type { ArrivalGenerator } from './arrivals.js';
import type { ResolvedCallbackConfig } from './callback-center-config.js';
import type { PredictionContext, Predictor } from './prediction.js';
import type { SimulatedPoller } from './simulated-poller.js';
import { readTrueModel } from './true-model.js';
import type { WaitingLine, Waiter } from './waiting-line.js';

/** What the callback simulator asks its predictors: the true state, and the stats as polled. */
export interface PredictionSource {
  context(position: number, now: number, callbacksAhead: number): PredictionContext;
  /** Every predictor's answer to one context, by name. */
  predictAll(context: PredictionContext): Record<string, number | undefined>;
}

export function createPredictionSource(input: {
  readonly config: ResolvedCallbackConfig;
  readonly arrivals: ArrivalGenerator;
  readonly line: WaitingLine<Waiter>;
  readonly agents: AgentPool;
  readonly poller: SimulatedPoller;
  readonly predictors: Readonly<Record<string, Predictor>>;
}): PredictionSource {
  const { queue, patience, arrivals, service } = input.config;
  const predictors = Object.entries(input.predictors);
  return {
    context(position, now, callbacksAhead) {
      const truth = readTrueModel({
        classes: [{ queue, patience, arrivals }],
        arrivals: [input.arrivals],
        lines: [input.line],
        service,
        agents: input.agents.scheduled,
        elapsedSeconds: now / 1000,
      });
      return { queue, position, now, truth, stats: input.poller.visibleAt(now), callbacksAhead };
    },
    predictAll(context) {
      const predictions: Record<string, number | undefined> = {};
      for (const [name, predictor] of predictors) predictions[name] = predictor(context);
      return predictions;
    },
  };
}
