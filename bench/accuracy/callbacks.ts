import type { CallbackCenterConfig } from '../../src/sim/callback-center-config.js';
import { createCallbackCenter } from '../../src/sim/callback-center.js';
import type { CallbackCounts } from '../../src/sim/callback-center-result.js';
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
import { scorePromises, type PromiseScore } from './promise.js';
import { scoreQueue, type QueueScore } from './run.js';
import type { RunLength } from './scenarios.js';

const AGENTS = 20;
const LOAD = 0.95;
const SERVICE_MEAN = 300;

/** A callback scenario: the same call center, its callbacks dialed one way or the other. */
export interface CallbackScenario {
  readonly name: string;
  readonly describe: string;
  readonly dialing: 'rep-held' | 'when-due';
}

const CENTRE =
  `${AGENTS} agents, load ${LOAD}, patience mean 15 min; a callback offered above 120 s, ` +
  '30% of callers offered take it, 85% of calls answered (3 tries, 5 min apart)';
const SCORED = '; scored: the callers who stayed on hold, estimates counting the callbacks ahead';

export const CALLBACK_SCENARIOS: readonly CallbackScenario[] = [
  {
    name: 'callbacks',
    describe: `${CENTRE}; a free agent dials, held through the ringing${SCORED}`,
    dialing: 'rep-held',
  },
  {
    name: 'callbacks-when-due',
    describe:
      `${CENTRE}; dialed as the product dials: when due by the polled stats, no agent held, ` +
      `the answered callee taken first${SCORED}`,
    dialing: 'when-due',
  },
];

function callbackConfig(
  scenario: CallbackScenario,
  seed: number,
  length: RunLength,
): CallbackCenterConfig {
  return {
    queue: 'customers',
    arrivals: { kind: 'poisson', ratePerSecond: (LOAD * AGENTS) / SERVICE_MEAN },
    patience: { kind: 'exponential', mean: 900 },
    service: { kind: 'exponential', mean: SERVICE_MEAN },
    agents: AGENTS,
    durationSeconds: length.warmUpSeconds + length.scoredSeconds,
    warmUpSeconds: length.warmUpSeconds,
    seed,
    callbacks: { offerSeconds: 120, takeShare: 0.3, dialing: scenario.dialing },
  };
}

export interface CallbackRun {
  /** Callers who stayed on hold: the estimate of their first wait turn, callbacks counted. */
  readonly onHold: QueueScore;
  /** The greeting's estimate (/voice/incoming, behind the callers it counts and every callback holding a place) on the same callers. */
  readonly greeting: ErrorFigures;
  readonly promises: PromiseScore;
  readonly counts: CallbackCounts;
  /** Reported callbacks by their end: answered, or failed after every try. */
  readonly connected: number;
  readonly failed: number;
}

/** One run of the callback scenario, with the real estimator deciding the offers. */
export function runCallbacksOnce(
  scenario: CallbackScenario,
  seed: number,
  length: RunLength,
): CallbackRun {
  const config = callbackConfig(scenario, seed, length);
  const center = createCallbackCenter(config);
  const queues = [config.queue];
  const now = () => center.now();
  const contenders: Record<PredictorName, Contender> = {
    holdline: holdline({ now, queues, onHold: true }),
    oracle,
    average30,
    avgQueueTime,
    asterisk: asterisk(),
    lastToEnterService: lastToEnterService(),
  };
  const greeting = holdline({ now, queues });
  const all = [...Object.values(contenders), greeting];
  const result = center.run({
    listeners: all.flatMap((c) => (c.listener ? [c.listener] : [])),
    predictors: {
      ...Object.fromEntries(Object.entries(contenders).map(([name, c]) => [name, c.predictor])),
      greeting: greeting.predictor,
    },
    offerOn: contenders.holdline.predictor,
  });
  const onHold = scoreQueue(config.queue, result.callers);
  const greeted = result.callers.flatMap((c) =>
    c.predictions.greeting === undefined ||
    PREDICTOR_NAMES.some((name) => c.predictions[name] === undefined)
      ? []
      : [{ predicted: c.predictions.greeting, truth: c.trueWaitSeconds }],
  );
  const reported = result.callbacks.filter((c) => c.reported);
  return {
    onHold,
    greeting: errorFigures(greeted),
    promises: scorePromises(result.callbacks),
    counts: result.counts,
    connected: reported.filter((c) => c.state === 'connected').length,
    failed: reported.filter((c) => c.state === 'failed').length,
  };
}
