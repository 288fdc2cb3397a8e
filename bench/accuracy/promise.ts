import type { CallbackOutcome } from '../../src/sim/callback-center-result.js';
import { describeCallbackTime } from '../../src/voice/announcement.js';

/**
 * The callback promise, "we will call you back …, in about N minutes": the caller's estimate at
 * the offer, worded as the app words it (callback-offer.ts: the rounded `eta`, then
 * describeCallbackTime with the default rounding), scored against when the call came.
 */
export const PROMISE_ROWS = ['holdline said', 'oracle said', 'holdline raw', 'oracle raw'] as const;
export type PromiseRow = (typeof PROMISE_ROWS)[number];

/** Within this much of the actual time counts as kept ("about N minutes"). */
const WITHIN_SECONDS = 60;
const WITHIN_SHARE = 0.25;

/** The seconds a worded promise stands for ("more than an hour" as the hour it names at least). */
export function promisedSeconds(estimateSeconds: number): number | undefined {
  const said = describeCallbackTime(Math.round(estimateSeconds), 'nearest');
  if (said === 'in less than a minute') return 30;
  if (said === 'in about an hour' || said === 'in more than an hour') return 3600;
  const minutes = /^in about (\d+) minutes?$/.exec(said)?.[1];
  return minutes === undefined ? undefined : Number(minutes) * 60;
}

export interface PromiseFigures {
  readonly callbacks: number;
  /** Mean seconds from the offer to the event. */
  readonly meanActual: number;
  readonly mae: number;
  /** Mean of promised − actual: positive = the call came earlier than promised. */
  readonly bias: number;
  /** Share within ±1 minute, and within ±25% of the actual time. */
  readonly withinMinute: number;
  readonly withinQuarter: number;
}

function figures(pairs: readonly { promised: number; actual: number }[]): PromiseFigures {
  let absolute = 0;
  let signed = 0;
  let actualSum = 0;
  let minute = 0;
  let quarter = 0;
  for (const { promised, actual } of pairs) {
    const error = promised - actual;
    absolute += Math.abs(error);
    signed += error;
    actualSum += actual;
    if (Math.abs(error) <= WITHIN_SECONDS) minute++;
    if (Math.abs(error) <= WITHIN_SHARE * actual) quarter++;
  }
  const n = pairs.length;
  return {
    callbacks: n,
    meanActual: actualSum / n,
    mae: absolute / n,
    bias: signed / n,
    withinMinute: minute / n,
    withinQuarter: quarter / n,
  };
}

/** One run's promises, against the first dial and against the answer (answered ones only). */
export type PromiseScore = Readonly<
  Record<PromiseRow, { readonly dial: PromiseFigures; readonly answer: PromiseFigures }>
>;

export function scorePromises(callbacks: readonly CallbackOutcome[]): PromiseScore {
  // Only callbacks both holdline and the oracle made a promise for: the same callers for all.
  const scored = callbacks.filter(
    (c) =>
      c.reported &&
      c.dials[0] !== undefined &&
      c.promised.holdline !== undefined &&
      c.promised.oracle !== undefined,
  );
  const promiseOf = (c: CallbackOutcome, row: PromiseRow): number => {
    const raw = c.promised[row.startsWith('holdline') ? 'holdline' : 'oracle'] as number;
    return row.endsWith('said') ? (promisedSeconds(raw) ?? raw) : raw;
  };
  const score = (row: PromiseRow) => ({
    dial: figures(
      scored.map((c) => ({
        promised: promiseOf(c, row),
        actual: ((c.dials[0] as number) - c.offeredAt) / 1000,
      })),
    ),
    answer: figures(
      scored.flatMap((c) =>
        c.answeredAt === undefined
          ? []
          : [{ promised: promiseOf(c, row), actual: (c.answeredAt - c.offeredAt) / 1000 }],
      ),
    ),
  });
  return Object.fromEntries(PROMISE_ROWS.map((row) => [row, score(row)])) as PromiseScore;
}
