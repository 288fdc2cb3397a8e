/** Error figures of one predictor over one set of callers (seconds). */
export interface ErrorFigures {
  readonly callers: number;
  /** Mean true wait of those callers. */
  readonly meanTruth: number;
  readonly mse: number;
  readonly rmse: number;
  readonly mae: number;
  /** Mean of prediction − truth: positive = callers were told too long a wait. */
  readonly bias: number;
  /** Mean squared error over the squared mean true wait: comparable across scenarios. */
  readonly relativeMse: number;
  /** Share of predictions within ±max(30 s, 20% of the true wait). */
  readonly withinTolerance: number;
}

export const TOLERANCE_SECONDS = 30;
export const TOLERANCE_SHARE = 0.2;

export function errorFigures(pairs: readonly { predicted: number; truth: number }[]): ErrorFigures {
  let squared = 0;
  let absolute = 0;
  let signed = 0;
  let truthSum = 0;
  let within = 0;
  for (const { predicted, truth } of pairs) {
    const error = predicted - truth;
    squared += error * error;
    absolute += Math.abs(error);
    signed += error;
    truthSum += truth;
    if (Math.abs(error) <= Math.max(TOLERANCE_SECONDS, TOLERANCE_SHARE * truth)) within += 1;
  }
  const n = pairs.length;
  const mse = squared / n;
  const meanTruth = truthSum / n;
  return {
    callers: n,
    meanTruth,
    mse,
    rmse: Math.sqrt(mse),
    mae: absolute / n,
    bias: signed / n,
    relativeMse: mse / (meanTruth * meanTruth),
    withinTolerance: within / n,
  };
}

/** Two-sided 97.5% quantiles of Student's t for 1..30 degrees of freedom (then ~normal). */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
];

/** Mean over runs with the half-width of its 95% confidence interval (Student's t). */
export function meanWithInterval(values: readonly number[]): { mean: number; halfWidth: number } {
  const n = values.length;
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  if (n < 2) return { mean, halfWidth: Number.NaN };
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
  const t = T_975[n - 2] ?? 1.96;
  return { mean, halfWidth: (t * Math.sqrt(variance)) / Math.sqrt(n) };
}
