import type { StatsWindow } from './cumulative-stats.js';
import { integerParam } from './query.js';
import { twilioErrors } from './twilio-errors.js';

/** Twilio keeps statistics for 30 days. */
const MAX_MINUTES = 43_200;
/** Twilio's default window when none is given. */
const DEFAULT_MINUTES = 15;
const ISO_8601 = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export interface StatisticsQuery {
  readonly window: StatsWindow;
  /** SplitByWaitTime, ascending, without repeats; null when not asked for. */
  readonly thresholds: readonly number[] | null;
  readonly taskChannel: string | undefined;
}

/**
 * Minutes, StartDate, EndDate, SplitByWaitTime, TaskChannel as the cumulative endpoints read
 * them. The window ends at EndDate (default now) and starts Minutes before it, else at
 * StartDate, else 15 minutes before it; whole seconds, as Twilio reports them.
 */
export function readStatisticsQuery(
  query: Readonly<Record<string, string>>,
  now: number,
): StatisticsQuery {
  const endMs = query.EndDate === undefined ? now : dateParam(query, 'EndDate');
  const minutes = integerParam(query, 'Minutes', { min: 1, max: MAX_MINUTES });
  const startMs =
    minutes !== undefined
      ? endMs - minutes * 60_000
      : query.StartDate !== undefined
        ? dateParam(query, 'StartDate')
        : endMs - DEFAULT_MINUTES * 60_000;
  if (startMs > endMs)
    throw twilioErrors.invalidParameter('StartDate', 'must not be after EndDate');
  return {
    window: { startMs: wholeSeconds(startMs), endMs: wholeSeconds(endMs) },
    thresholds: splitParam(query.SplitByWaitTime),
    taskChannel: channelParam(query.TaskChannel),
  };
}

/** The realtime endpoints take only TaskChannel. */
export function readTaskChannel(query: Readonly<Record<string, string>>): string | undefined {
  return channelParam(query.TaskChannel);
}

function dateParam(query: Readonly<Record<string, string>>, name: string): number {
  const text = query[name] ?? '';
  const ms = ISO_8601.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms))
    throw twilioErrors.invalidParameter(name, `"${text}" is not an ISO 8601 date-time`);
  return ms;
}

function splitParam(text: string | undefined): readonly number[] | null {
  if (text === undefined) return null;
  const parts = text.split(',').map((part) => part.trim());
  const values = parts.map(Number);
  if (parts.some((part) => !/^\d+$/.test(part)) || values.some((value) => value <= 0)) {
    throw twilioErrors.invalidParameter(
      'SplitByWaitTime',
      `"${text}" is not a comma-separated list of positive whole seconds`,
    );
  }
  return [...new Set(values)].sort((a, b) => a - b);
}

function channelParam(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (text.trim() === '') throw twilioErrors.invalidParameter('TaskChannel', 'must not be empty');
  return text;
}

function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
