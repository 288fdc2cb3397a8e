import type { ScoredResponse } from './survey-store.js';

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

export interface SatisfactionWindow {
  readonly responses: number;
  /** The mean score, to two decimals; null without responses. */
  readonly average: number | null;
  /** How many answered each score, "1" to "5". */
  readonly distribution: Readonly<Record<'1' | '2' | '3' | '4' | '5', number>>;
}

export interface Satisfaction {
  readonly lastDay: SatisfactionWindow;
  readonly lastWeek: SatisfactionWindow;
}

function windowOf(responses: readonly ScoredResponse[]): SatisfactionWindow {
  const distribution = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  let sum = 0;
  for (const { score } of responses) {
    distribution[String(score) as keyof typeof distribution] += 1;
    sum += score;
  }
  const average = responses.length === 0 ? null : Math.round((sum / responses.length) * 100) / 100;
  return { responses: responses.length, average, distribution };
}

/** A queue's scores over the last day and the last week before `now`. */
export function summarizeSatisfaction(
  responses: readonly ScoredResponse[],
  now: number,
): Satisfaction {
  const inWeek = responses.filter((r) => r.at > now - WEEK_MS && r.at <= now);
  return {
    lastDay: windowOf(inWeek.filter((r) => r.at > now - DAY_MS)),
    lastWeek: windowOf(inWeek),
  };
}

export const NO_SATISFACTION: Satisfaction = summarizeSatisfaction([], 0);
