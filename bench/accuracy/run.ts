import { createCallCenter } from '../../src/sim/call-center.js';
import type { CallerRecord } from '../../src/sim/call-center-result.js';
import { errorFigures, type ErrorFigures } from './metrics.js';
import {
  PREDICTOR_NAMES,
  asterisk,
  average30,
  avgQueueTime,
  holdline,
  lastToEnterService,
  oracle,
  type Contender,
  type PredictorName,
} from './predictors.js';
import type { RunLength, Scenario } from './scenarios.js';

export interface QueueScore {
  readonly queue: string;
  /** Callers who had to wait (all were asked for a prediction). */
  readonly waited: number;
  /** Share of them holdline answered for (it says "unknown" while it has too little data). */
  readonly holdlineCoverage: number;
  /** Each predictor on the callers every predictor answered for. */
  readonly figures: Readonly<Record<PredictorName, ErrorFigures>>;
}

/** One run of one scenario: per scored queue, each predictor's figures on the same callers. */
export function runOnce(scenario: Scenario, seed: number, length: RunLength) {
  const config = scenario.config(seed, length);
  const center = createCallCenter(config);
  const queues = config.classes.map((c) => c.queue);
  const contenders: Record<PredictorName, Contender> = {
    holdline: holdline({ now: () => center.now(), queues }),
    oracle,
    average30,
    avgQueueTime,
    asterisk: asterisk(),
    lastToEnterService: lastToEnterService(),
  };
  const result = center.run({
    listeners: Object.values(contenders).flatMap((c) => (c.listener ? [c.listener] : [])),
    predictors: Object.fromEntries(
      Object.entries(contenders).map(([name, c]) => [name, c.predictor]),
    ),
  });
  return queues.map((queue) => scoreQueue(queue, result.callers));
}

/** Only callers every predictor answered for are scored, so all are judged on the same ones. */
export function scoreQueue(queue: string, callers: readonly CallerRecord[]): QueueScore {
  const ofQueue = callers.filter((c) => c.queue === queue);
  const answered = ofQueue.filter((c) =>
    PREDICTOR_NAMES.every((name) => c.predictions[name] !== undefined),
  );
  const figures = Object.fromEntries(
    PREDICTOR_NAMES.map((name) => [
      name,
      errorFigures(
        answered.map((c) => ({
          predicted: c.predictions[name] as number,
          truth: c.trueWaitSeconds,
        })),
      ),
    ]),
  ) as Record<PredictorName, ErrorFigures>;
  const holdlineAnswered = ofQueue.filter((c) => c.predictions.holdline !== undefined).length;
  return {
    queue,
    waited: ofQueue.length,
    holdlineCoverage: ofQueue.length === 0 ? Number.NaN : holdlineAnswered / ofQueue.length,
    figures,
  };
}
