import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { accuracyChartSvg, renderPng } from './accuracy/chart.js';
import { accuracyMarkdown } from './accuracy/docs.js';
import {
  callbackNotes,
  promiseTable,
  summariseCallbacks,
  type CallbackSummary,
} from './accuracy/callback-summary.js';
import { CALLBACK_SCENARIOS, runCallbacksOnce } from './accuracy/callbacks.js';
import { PREDICTOR_NAMES } from './accuracy/predictors.js';
import { runOverHttp } from './accuracy/over-http.js';
import { runOnce, type QueueScore } from './accuracy/run.js';
import { HTTP_SCENARIOS, SCENARIOS, type RunLength, type Scenario } from './accuracy/scenarios.js';
import {
  TARGET_BASELINES_VS_HOLDLINE,
  TARGET_VS_ORACLE,
  meetsBaselineTarget,
  meetsOracleTarget,
  summarise,
  type Ratio,
  type ScenarioSummary,
} from './accuracy/summary.js';
import { fixed2, formatTable, whole } from './lib/report.js';
import { say } from './lib/cli.js';

/**
 * Wait-time predictors side by side on the same simulated callers (src/sim/): holdline's learned
 * estimator, the oracle (the same formula with the true parameters), the original designs'
 * 30-minute average wait, Twilio's AvgQueueTime, Asterisk's smoothed hold time, and the last
 * caller's wait. Each scenario runs several seeds; ratios come with 95% confidence intervals.
 * The `http/` scenarios play the real app over HTTP with Twilio's timing (the take reported at
 * the rep's <Queue url>, a bridged result when the call ends); `http-late/` the same without the
 * <Queue url>, so the app learns of takes only when calls end. `callbacks` offers callers a
 * callback that keeps their place, and scores the promise ("we will call you in about N
 * minutes") beside the estimates of the callers who stayed on hold.
 * `--write-docs` also writes docs/accuracy.md and docs/accuracy.png from the run.
 */

const DOCS_DIR = path.resolve(__dirname, '..', 'docs');

interface Options {
  readonly runs: number;
  readonly length: RunLength;
  /** Runs and length of the HTTP scenarios, which cost real requests. */
  readonly httpRuns: number;
  readonly httpLength: RunLength;
  readonly only: string | undefined;
  readonly quick: boolean;
  readonly writeDocs: boolean;
}

function readOptions(argv: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      'write-docs': { type: 'boolean', default: false },
      runs: { type: 'string' },
      hours: { type: 'string' },
      scenario: { type: 'string' },
    },
  });
  const quick = values.quick === true;
  const runs = Number(values.runs ?? (quick ? '3' : '10'));
  const hours = Number(values.hours ?? (quick ? '2' : '24'));
  if (!Number.isInteger(runs) || runs < 2) {
    throw new Error(`--runs must be a whole number ≥ 2 (intervals need two), not ${values.runs}`);
  }
  if (!(hours > 0)) throw new Error(`--hours must be > 0, not ${values.hours}`);
  return {
    runs,
    // At 100 agents and load 0.98 the queue takes hours of simulated time to settle.
    length: { warmUpSeconds: quick ? 3600 : 8 * 3600, scoredSeconds: hours * 3600 },
    httpRuns: Math.min(runs, quick ? 2 : 5),
    httpLength: quick
      ? { warmUpSeconds: 3600, scoredSeconds: 2 * 3600 }
      : { warmUpSeconds: 2 * 3600, scoredSeconds: 8 * 3600 },
    only: values.scenario,
    quick,
    writeDocs: values['write-docs'] === true,
  };
}

const interval = (r: Ratio) => `${fixed2(r.mean)} ± ${fixed2(r.halfWidth)}`;

function print(s: ScenarioSummary): void {
  say('');
  say(`${s.label}: ${s.describe}`);
  say(
    `  ${s.runs} runs; callers who waited per run ${whole(s.waitedPerRun)}, scored ` +
      `${whole(s.scoredPerRun)} (holdline answered ${whole(100 * s.holdlineCoverage)}%); ` +
      `mean true wait ${whole(s.meanTrueWait)} s`,
  );
  const table = formatTable([
    ['predictor', 'RMSE s', 'MAE s', 'bias s', 'rel. MSE', 'within', 'MSE ÷ holdline'],
    ...PREDICTOR_NAMES.map((name) => {
      const p = s.predictors[name];
      return [
        name,
        whole(p.rmse),
        whole(p.mae),
        whole(p.bias),
        fixed2(p.relativeMse),
        `${whole(100 * p.withinTolerance)}%`,
        fixed2(p.mseOverHoldline),
      ];
    }),
  ]);
  say(table.replace(/^/gm, '  '));
  say(
    `  holdline ÷ oracle ${interval(s.holdlineVsOracle)} (target ≤ ${fixed2(TARGET_VS_ORACLE)}: ` +
      `${meetsOracleTarget(s) ? 'met' : 'MISSED'}); 30-min average ÷ holdline ` +
      `${interval(s.average30VsHoldline)}, AvgQueueTime ÷ holdline ` +
      `${interval(s.avgQueueTimeVsHoldline)} (target ≥ ${TARGET_BASELINES_VS_HOLDLINE}: ` +
      `${meetsBaselineTarget(s) ? 'met' : 'MISSED'}; against the oracle they are ` +
      `${fixed2(s.average30VsOracle)} and ${fixed2(s.avgQueueTimeVsOracle)})`,
  );
}

function printPromises(s: CallbackSummary): void {
  say('');
  say(`${s.onHold.label}: the promise "we will call you back in about N minutes"`);
  say(formatTable(promiseTable(s)).replace(/^/gm, '  '));
  for (const line of callbackNotes(s)) say(`  ${line}`);
}

/** Every run of one scenario, summarised per queue. */
async function scoreScenario(
  scenario: Scenario,
  runs: number,
  runOne: (seed: number) => QueueScore[] | Promise<QueueScore[]>,
): Promise<ScenarioSummary[]> {
  const scores: QueueScore[][] = [];
  for (let i = 0; i < runs; i += 1) scores.push(await runOne(1000 + i));
  const classes = scores[0]?.length ?? 0;
  return Array.from({ length: classes }, (_, index) =>
    summarise(
      scenario,
      scores.map((run) => run[index]).filter((s) => s !== undefined),
      classes > 1,
    ),
  );
}

const prefixed = (prefix: string, scenario: Scenario): Scenario => ({
  ...scenario,
  name: `${prefix}/${scenario.name}`,
});

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const wanted = (s: Pick<Scenario, 'name'>) =>
    options.only === undefined || s.name === options.only;
  const inProcess = SCENARIOS.filter(wanted);
  const overHttp = HTTP_SCENARIOS.flatMap((s) => [
    { scenario: prefixed('http', s), takesReported: true, base: s },
    { scenario: prefixed('http-late', s), takesReported: false, base: s },
  ]).filter(({ scenario }) => wanted(scenario));
  const withCallbacks = CALLBACK_SCENARIOS.filter(wanted);
  if (inProcess.length + overHttp.length + withCallbacks.length === 0)
    throw new Error(`no scenario named ${options.only}`);
  const started = Date.now();
  const summaries: ScenarioSummary[] = [];
  for (const scenario of inProcess) {
    summaries.push(
      ...(await scoreScenario(scenario, options.runs, (seed) =>
        runOnce(scenario, seed, options.length),
      )),
    );
  }
  const callbacks: CallbackSummary[] = [];
  for (const scenario of withCallbacks) {
    const runs = Array.from({ length: options.runs }, (_, i) =>
      runCallbacksOnce(scenario, 1000 + i, options.length),
    );
    const summary = summariseCallbacks(scenario, runs);
    callbacks.push(summary);
    summaries.push(summary.onHold);
  }
  for (const { scenario, takesReported, base } of overHttp) {
    summaries.push(
      ...(await scoreScenario(scenario, options.httpRuns, (seed) =>
        runOverHttp(base, seed, options.httpLength, { takesReported }),
      )),
    );
  }
  summaries.forEach(print);
  callbacks.forEach(printPromises);
  const command = `npm run bench:accuracy${options.quick ? ' -- --quick' : ''}`;
  say('');
  const hours = (length: RunLength) =>
    `${length.warmUpSeconds / 3600} h warm-up + ${length.scoredSeconds / 3600} h scored`;
  say(
    `${options.runs} seeded runs per scenario, each ${hours(options.length)}; over HTTP ` +
      `${options.httpRuns} runs of ${hours(options.httpLength)}; ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s. Reproduce: ${command}`,
  );
  if (options.writeDocs) {
    const svg = accuracyChartSvg(summaries);
    writeFileSync(path.join(DOCS_DIR, 'accuracy.png'), renderPng(svg));
    writeFileSync(
      path.join(DOCS_DIR, 'accuracy.md'),
      accuracyMarkdown(summaries, {
        command,
        runs: options.runs,
        warmUpHours: options.length.warmUpSeconds / 3600,
        scoredHours: options.length.scoredSeconds / 3600,
        http: {
          runs: options.httpRuns,
          warmUpHours: options.httpLength.warmUpSeconds / 3600,
          scoredHours: options.httpLength.scoredSeconds / 3600,
        },
        date: new Date().toISOString().slice(0, 10),
        callbacks,
      }),
    );
    say(`wrote docs/accuracy.md and docs/accuracy.png`);
  }
  for (const s of summaries) {
    say(
      `accuracy scenario=${s.label} holdline_vs_oracle=${fixed2(s.holdlineVsOracle.mean)} ` +
        `average30_vs_holdline=${fixed2(s.average30VsHoldline.mean)} ` +
        `avgqueuetime_vs_holdline=${fixed2(s.avgQueueTimeVsHoldline.mean)}`,
    );
  }
}

main().catch((error: unknown) => {
  process.exitCode = 1;
  say(String(error instanceof Error ? (error.stack ?? error.message) : error));
});
