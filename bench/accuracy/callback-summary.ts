import { fixed2, whole } from '../lib/report.js';
import type { CallbackRun, CallbackScenario } from './callbacks.js';
import { meanWithInterval } from './metrics.js';
import { PROMISE_ROWS, type PromiseFigures, type PromiseRow } from './promise.js';
import { summarise, type Ratio, type ScenarioSummary } from './summary.js';

/** The callback scenario over all its runs. */
export interface CallbackSummary {
  /** Callers who stayed on hold, as every other scenario is summarised. */
  readonly onHold: ScenarioSummary;
  /** The greeting's estimate (every callback holding a place ahead): its MSE over the wait turn's. */
  readonly greeting: { readonly rmse: number; readonly bias: number; readonly vsOnHold: Ratio };
  readonly perRun: {
    readonly offered: number;
    readonly tookCallback: number;
    readonly connected: number;
    readonly failed: number;
  };
  /** Means over runs of each promise's figures. */
  readonly promises: Readonly<Record<PromiseRow, Record<'dial' | 'answer', PromiseFigures>>>;
}

const meanOf = <T>(runs: readonly T[], figure: (run: T) => number) =>
  runs.reduce((sum, run) => sum + figure(run), 0) / runs.length;

function meanFigures(all: readonly PromiseFigures[]): PromiseFigures {
  return {
    callbacks: meanOf(all, (f) => f.callbacks),
    meanActual: meanOf(all, (f) => f.meanActual),
    mae: meanOf(all, (f) => f.mae),
    bias: meanOf(all, (f) => f.bias),
    withinMinute: meanOf(all, (f) => f.withinMinute),
    withinQuarter: meanOf(all, (f) => f.withinQuarter),
  };
}

export function summariseCallbacks(
  scenario: CallbackScenario,
  runs: readonly CallbackRun[],
): CallbackSummary {
  return {
    onHold: summarise(
      scenario,
      runs.map((r) => r.onHold),
      false,
    ),
    greeting: {
      rmse: meanOf(runs, (r) => r.greeting.rmse),
      bias: meanOf(runs, (r) => r.greeting.bias),
      vsOnHold: meanWithInterval(runs.map((r) => r.greeting.mse / r.onHold.figures.holdline.mse)),
    },
    perRun: {
      offered: meanOf(runs, (r) => r.counts.offered),
      tookCallback: meanOf(runs, (r) => r.counts.tookCallback),
      connected: meanOf(runs, (r) => r.connected),
      failed: meanOf(runs, (r) => r.failed),
    },
    promises: Object.fromEntries(
      PROMISE_ROWS.map((row) => [
        row,
        {
          dial: meanFigures(runs.map((r) => r.promises[row].dial)),
          answer: meanFigures(runs.map((r) => r.promises[row].answer)),
        },
      ]),
    ) as CallbackSummary['promises'],
  };
}

const percent = (share: number) => `${whole(100 * share)}%`;

/**
 * The promise as a table (header first): against the first dial, then against the answer. Rows:
 * what the caller was told ("said", worded and rounded as the app does) and the raw estimate.
 */
export function promiseTable(s: CallbackSummary): string[][] {
  const cells = (f: PromiseFigures) => [
    whole(f.mae),
    whole(f.bias),
    percent(f.withinMinute),
    percent(f.withinQuarter),
  ];
  return [
    [
      'promise',
      'dial: MAE s',
      'bias s',
      '±1 min',
      '±25%',
      'answer: MAE s',
      'bias s',
      '±1 min',
      '±25%',
    ],
    ...PROMISE_ROWS.map((row) => [
      row,
      ...cells(s.promises[row].dial),
      ...cells(s.promises[row].answer),
    ]),
  ];
}

/** The lines that go with the table, for the terminal and for docs/accuracy.md alike. */
export function callbackNotes(s: CallbackSummary): string[] {
  const dial = s.promises['holdline said'].dial;
  const answer = s.promises['holdline said'].answer;
  const g = s.greeting;
  return [
    `Per run: ${whole(s.perRun.offered)} callers offered a callback, ${whole(s.perRun.tookCallback)} ` +
      `took it (${percent(s.perRun.tookCallback / s.perRun.offered)}); ` +
      `${whole(s.perRun.connected)} callbacks answered, ${whole(s.perRun.failed)} failed after every try.`,
    `The promise, scored on ${whole(dial.callbacks)} callbacks per run: the first dial came ` +
      `${whole(dial.meanActual)} s after the offer on average, the answer (${whole(answer.callbacks)}) ` +
      `${whole(answer.meanActual)} s; bias is promised − actual (positive: called earlier than promised).`,
    `The greeting's estimate (/voice/incoming, behind the callers it counts and every callback holding a place) on the same callers on ` +
      `hold: RMSE ${whole(g.rmse)} s, bias ${whole(g.bias)} s, MSE ${fixed2(g.vsOnHold.mean)} ± ` +
      `${fixed2(g.vsOnHold.halfWidth)} × the wait turn's.`,
  ];
}
