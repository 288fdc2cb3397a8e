import { WEEKDAYS, minutesOf, type Closure, type QueueMetadata } from './queue-metadata.js';
import { zoneClock, type Span } from './zoned-time.js';

/**
 * Whether a queue takes callers at an instant, and until when / from when. The weekly hours are
 * wall-clock times in the queue's zone: a range is open whenever the zone's wall clock reads
 * inside it, so 09:00 stays nine in the morning across daylight-saving changes.
 */
export interface OpeningStatus {
  readonly open: boolean;
  /** While open: when the current opening ends (epoch ms); undefined if it never does within the horizon (e.g. always open). */
  readonly closesAt?: number;
  /** While closed: the next instant the queue opens (epoch ms); undefined if it does not open within the horizon (366 days) — e.g. no hours at all. */
  readonly nextOpenAt?: number;
}

type Hours = Pick<QueueMetadata, 'timeZone' | 'weeklyHours' | 'closures'>;

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const HORIZON_DAYS = 366;

/** A stretch of wall time the queue is open without a break, across days and adjacent ranges. */
interface Run {
  readonly start: number;
  readonly end: number;
}

export function openingStatus(hours: Hours, now: number): OpeningStatus {
  try {
    return statusAt(hours, now);
  } catch {
    // Only Intl can throw here, and the zone was validated when saved, so this is a broken
    // runtime or setting. Fail open: a broken setting must never turn every caller away.
    return { open: true };
  }
}

/**
 * openingStatus for the call path: a schedule's status is worked out once and reused until the
 * next change it predicts (a day at most), so an incoming call costs a lookup, not time-zone
 * arithmetic (docs/performance.md). Keyed by the schedule object: an edit brings a new one.
 */
export function createOpeningHours(): (hours: Hours, now: number) => OpeningStatus {
  const known = new WeakMap<Hours, { from: number; until: number; status: OpeningStatus }>();
  return (hours, now) => {
    const seen = known.get(hours);
    if (seen !== undefined && now >= seen.from && now < seen.until) return seen.status;
    const status = openingStatus(hours, now);
    const change = status.open ? status.closesAt : status.nextOpenAt;
    known.set(hours, { from: now, until: Math.min(change ?? Infinity, now + DAY_MS), status });
    return status;
  };
}

function statusAt(hours: Hours, now: number): OpeningStatus {
  const clock = zoneClock(hours.timeZone);
  const today = Math.floor(clock.wallTimeAt(now) / DAY_MS);
  const spans: Span[] = [];
  // From yesterday, not today: cheap insurance for clocks going back across midnight, which would
  // bring yesterday's last hour round again (the tz data has no such change that we know of).
  for (const run of openRuns(hours, today - 1, today + HORIZON_DAYS)) {
    const status = settled(spans, now, run.start);
    if (status !== undefined) return status;
    spans.push(...clock.instantsBetween(run.start, run.end));
  }
  return settled(spans, now, Infinity) ?? { open: false };
}

/**
 * The answer the spans so far give, or undefined while the runs still to come, the next starting
 * at wall time `nextStart`, could change it.
 */
function settled(spans: Span[], now: number, nextStart: number): OpeningStatus | undefined {
  // Wall clocks and UTC are under a day apart, so later runs hold no instant before this.
  const earliestToCome = nextStart - DAY_MS;
  const ahead = spans.filter(([, end]) => end > now).sort((a, b) => a[0] - b[0]);
  const first = ahead[0];
  if (first === undefined) return nextStart === Infinity ? { open: false } : undefined;
  if (first[0] > now) {
    return first[0] < earliestToCome ? { open: false, nextOpenAt: first[0] } : undefined;
  }
  // Open: spans that touch or overlap (adjacent ranges, a fall-back hour) are one opening.
  let end = first[1];
  for (const [spanStart, spanEnd] of ahead) if (spanStart <= end) end = Math.max(end, spanEnd);
  if (end === Infinity) return { open: true };
  return end < earliestToCome ? { open: true, closesAt: end } : undefined;
}

/**
 * The open stretches of wall time from day `first` to day `last` (days since 1970-01-01 on the
 * wall clock), in order. Ranges that touch, within a day or across midnight, make one run; a run
 * that reaches either end of the window is unbounded there, so "always open" needs no offsets.
 */
function* openRuns(hours: Hours, first: number, last: number): Generator<Run> {
  const closed = closedDays(hours.closures);
  const week = WEEKDAYS.map((weekday) =>
    hours.weeklyHours[weekday]
      .map((range) => [minutesOf(range.open), minutesOf(range.close)] as const)
      .sort((a, b) => a[0] - b[0]),
  );
  let run: { start: number; end: number } | undefined;
  for (let day = first; day <= last; day += 1) {
    if (closed.has(day)) continue;
    // Day 0, 1970-01-01, was a Thursday; WEEKDAYS starts on Monday.
    for (const [open, close] of week[(((day + 3) % 7) + 7) % 7] ?? []) {
      const start = day * DAY_MS + open * MINUTE_MS;
      const end = day * DAY_MS + close * MINUTE_MS;
      if (run !== undefined && run.end === start) {
        run.end = end;
        continue;
      }
      if (run !== undefined) yield run;
      run = { start: day === first && open === 0 ? -Infinity : start, end };
    }
  }
  if (run !== undefined) yield run.end === (last + 1) * DAY_MS ? { ...run, end: Infinity } : run;
}

function closedDays(closures: readonly Closure[]): Set<number> {
  return new Set(
    closures.map(
      ({ date }) =>
        Date.UTC(
          Number(date.slice(0, 4)),
          Number(date.slice(5, 7)) - 1,
          Number(date.slice(8, 10)),
        ) / DAY_MS,
    ),
  );
}
