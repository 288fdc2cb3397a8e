import { parseArgs } from 'node:util';
import { createCallCenter } from '../src/sim/call-center.js';
import type { CallerRecord } from '../src/sim/call-center-result.js';
import { errorFigures, meanWithInterval, type ErrorFigures } from './accuracy/metrics.js';
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
} from './accuracy/predictors.js';
import { SCENARIOS, type RunLength, type Scenario } from './accuracy/scenarios.js';
import { fixed2, formatTable, whole } from './lib/report.js';

/**
 * Wait-time predictors side by side on the same simulated callers (src/sim/): holdline's learned
 * estimator, the oracle (the same formula with the true parameters), the original designs'
 * 30-minute average wait, Twilio's AvgQueueTime, Asterisk's smoothed hold time, and the last
 * caller's wait. Each caller who has to wait is asked for on arrival and scored against the wait
 * it would have had with unlimited patience. Runs are seeded; each scenario runs several seeds
 * and the ratios come with 95% confidence intervals over them.
 */

const TARGET_VS_ORACLE = 1.15;
const TARGET_BASELINES_VS_HOLDLINE = 4;
/** holdline's learning half-life: the app's default (WAIT_ESTIMATE_HALF_LIFE_MINUTES). */
const HALF_LIFE_SECONDS = 30 * 60;
const REFRESH_SECONDS = 15;

const say = (line: string) => process.stdout.write(`${line}\n`);

interface Options {
  readonly runs: number;
  readonly length: RunLength;
  readonly only: string | undefined;
  readonly quick: boolean;
}

function readOptions(argv: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string' },
      hours: { type: 'string' },
      scenario: { type: 'string' },
    },
  });
  const quick = values.quick === true;
  const runs = Number(values.runs ?? (quick ? '3' : '10'));
  const hours = Number(values.hours ?? (quick ? '2' : '24'));
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`--runs must be ≥ 1, not ${values.runs}`);
  if (!(hours > 0)) throw new Error(`--hours must be > 0, not ${values.hours}`);
  return {
    runs,
    length: { warmUpSeconds: quick ? 3600 : 8 * 3600, scoredSeconds: hours * 3600 },
    only: values.scenario,
    quick,
  };
}

/** One run of one scenario: per scored queue, each predictor's figures on the same callers. */
function runOnce(scenario: Scenario, seed: number, length: RunLength) {
  const config = scenario.config(seed, length);
  const center = createCallCenter(config);
  const queues = config.classes.map((c) => c.queue);
  const contenders: Record<PredictorName, Contender> = {
    holdline: holdline({
      now: () => center.now(),
      queues,
      halfLifeSeconds: HALF_LIFE_SECONDS,
      refreshSeconds: REFRESH_SECONDS,
    }),
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
function scoreQueue(queue: string, callers: readonly CallerRecord[]) {
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

type QueueScore = ReturnType<typeof scoreQueue>;

function report(
  scenario: Scenario,
  queue: string,
  scores: readonly QueueScore[],
  multiClass: boolean,
) {
  const label = multiClass ? `${scenario.name}/${queue}` : scenario.name;
  const ratio = (a: PredictorName, b: PredictorName) =>
    meanWithInterval(scores.map((s) => s.figures[a].mse / s.figures[b].mse));
  const mean = (figure: (s: QueueScore) => number) =>
    scores.reduce((sum, s) => sum + figure(s), 0) / scores.length;
  const vsOracle = ratio('holdline', 'oracle');
  const average30VsHoldline = ratio('average30', 'holdline');
  const avgQueueTimeVsHoldline = ratio('avgQueueTime', 'holdline');
  const rows = PREDICTOR_NAMES.map((name) => [
    name,
    whole(mean((s) => s.figures[name].rmse)),
    whole(mean((s) => s.figures[name].mae)),
    whole(mean((s) => s.figures[name].bias)),
    fixed2(mean((s) => s.figures[name].relativeMse)),
    `${whole(100 * mean((s) => s.figures[name].withinTolerance))}%`,
    fixed2(ratio(name, 'holdline').mean),
  ]);
  say('');
  say(`${label}: ${scenario.describe}`);
  say(
    `  ${scores.length} runs; callers who waited per run ${whole(mean((s) => s.waited))}, scored ` +
      `${whole(mean((s) => s.figures.holdline.callers))} (holdline answered ` +
      `${whole(100 * mean((s) => s.holdlineCoverage))}%); mean true wait ` +
      `${whole(mean((s) => s.figures.holdline.meanTruth))} s`,
  );
  say(
    formatTable([
      ['predictor', 'RMSE s', 'MAE s', 'bias s', 'rel. MSE', 'within', 'MSE ÷ holdline'],
      ...rows,
    ])
      .split('\n')
      .map((line) => `  ${line}`)
      .join('\n'),
  );
  const interval = (r: { mean: number; halfWidth: number }) =>
    `${fixed2(r.mean)} ± ${fixed2(r.halfWidth)}`;
  // What no queue-length predictor can beat: the baselines against the oracle itself.
  const bound = `${fixed2(ratio('average30', 'oracle').mean)} and ${fixed2(ratio('avgQueueTime', 'oracle').mean)}`;
  say(
    `  holdline ÷ oracle ${interval(vsOracle)} (target ≤ ${fixed2(TARGET_VS_ORACLE)}: ` +
      `${vsOracle.mean <= TARGET_VS_ORACLE ? 'met' : 'MISSED'}); 30-min average ÷ holdline ` +
      `${interval(average30VsHoldline)}, AvgQueueTime ÷ holdline ${interval(avgQueueTimeVsHoldline)} ` +
      `(target ≥ ${TARGET_BASELINES_VS_HOLDLINE}: ${
        Math.min(average30VsHoldline.mean, avgQueueTimeVsHoldline.mean) >=
        TARGET_BASELINES_VS_HOLDLINE
          ? 'met'
          : 'MISSED'
      }; the oracle's own: ${bound})`,
  );
  return (
    `accuracy scenario=${label} holdline_vs_oracle=${fixed2(vsOracle.mean)} ` +
    `average30_vs_holdline=${fixed2(average30VsHoldline.mean)} ` +
    `avgqueuetime_vs_holdline=${fixed2(avgQueueTimeVsHoldline.mean)}`
  );
}

function main(): void {
  const options = readOptions(process.argv.slice(2));
  const scenarios = SCENARIOS.filter((s) => options.only === undefined || s.name === options.only);
  if (scenarios.length === 0) throw new Error(`no scenario named ${options.only}`);
  const lines: string[] = [];
  const started = Date.now();
  for (const scenario of scenarios) {
    const runs = Array.from({ length: options.runs }, (_, i) =>
      runOnce(scenario, 1000 + i, options.length),
    );
    const queues = runs[0]?.map((q) => q.queue) ?? [];
    for (const [index, queue] of queues.entries()) {
      const scores = runs.map((run) => run[index] as QueueScore);
      lines.push(report(scenario, queue, scores, queues.length > 1));
    }
  }
  say('');
  say(
    `${options.runs} seeded runs per scenario, each ${options.length.warmUpSeconds / 3600} h warm-up + ` +
      `${options.length.scoredSeconds / 3600} h scored; ${((Date.now() - started) / 1000).toFixed(1)} s. ` +
      `Reproduce: npm run bench:accuracy${options.quick ? ' -- --quick' : ''}`,
  );
  for (const line of lines) say(line);
}

main();
