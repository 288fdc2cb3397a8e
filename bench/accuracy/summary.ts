import { meanWithInterval } from './metrics.js';
import { PREDICTOR_NAMES, type PredictorName } from './predictors.js';
import type { QueueScore } from './run.js';
import type { Scenario } from './scenarios.js';

export const TARGET_VS_ORACLE = 1.15;
export const TARGET_BASELINES_VS_HOLDLINE = 4;

export interface Ratio {
  readonly mean: number;
  /** Half-width of the 95% confidence interval over runs. */
  readonly halfWidth: number;
}

/** One scenario (or one class of it) over all its runs. */
export interface ScenarioSummary {
  /** `scenario` or `scenario/queue` when it has several classes. */
  readonly label: string;
  readonly describe: string;
  readonly runs: number;
  readonly waitedPerRun: number;
  readonly scoredPerRun: number;
  readonly holdlineCoverage: number;
  readonly meanTrueWait: number;
  /** Means over runs of each predictor's figures, and its MSE over holdline's. */
  readonly predictors: Readonly<
    Record<
      PredictorName,
      {
        rmse: number;
        mae: number;
        bias: number;
        relativeMse: number;
        withinTolerance: number;
        mseOverHoldline: number;
      }
    >
  >;
  readonly holdlineVsOracle: Ratio;
  readonly average30VsHoldline: Ratio;
  readonly avgQueueTimeVsHoldline: Ratio;
  /** What no queue-length predictor can beat: the baselines against the oracle itself. */
  readonly average30VsOracle: number;
  readonly avgQueueTimeVsOracle: number;
}

export function summarise(
  scenario: Pick<Scenario, 'name' | 'describe'>,
  scores: readonly QueueScore[],
  multiClass: boolean,
): ScenarioSummary {
  const queue = scores[0]?.queue ?? '';
  const ratio = (a: PredictorName, b: PredictorName): Ratio =>
    meanWithInterval(scores.map((s) => s.figures[a].mse / s.figures[b].mse));
  const mean = (figure: (s: QueueScore) => number) =>
    scores.reduce((sum, s) => sum + figure(s), 0) / scores.length;
  return {
    label: multiClass ? `${scenario.name}/${queue}` : scenario.name,
    describe: scenario.describe,
    runs: scores.length,
    waitedPerRun: mean((s) => s.waited),
    scoredPerRun: mean((s) => s.figures.holdline.callers),
    holdlineCoverage: mean((s) => s.holdlineCoverage),
    meanTrueWait: mean((s) => s.figures.holdline.meanTruth),
    predictors: Object.fromEntries(
      PREDICTOR_NAMES.map((name) => [
        name,
        {
          rmse: mean((s) => s.figures[name].rmse),
          mae: mean((s) => s.figures[name].mae),
          bias: mean((s) => s.figures[name].bias),
          relativeMse: mean((s) => s.figures[name].relativeMse),
          withinTolerance: mean((s) => s.figures[name].withinTolerance),
          mseOverHoldline: ratio(name, 'holdline').mean,
        },
      ]),
    ) as ScenarioSummary['predictors'],
    holdlineVsOracle: ratio('holdline', 'oracle'),
    average30VsHoldline: ratio('average30', 'holdline'),
    avgQueueTimeVsHoldline: ratio('avgQueueTime', 'holdline'),
    average30VsOracle: ratio('average30', 'oracle').mean,
    avgQueueTimeVsOracle: ratio('avgQueueTime', 'oracle').mean,
  };
}

export const meetsOracleTarget = (s: ScenarioSummary) =>
  s.holdlineVsOracle.mean <= TARGET_VS_ORACLE;
export const meetsBaselineTarget = (s: ScenarioSummary) =>
  Math.min(s.average30VsHoldline.mean, s.avgQueueTimeVsHoldline.mean) >=
  TARGET_BASELINES_VS_HOLDLINE;
