/**
 * Wall clocks of IANA time zones with nothing but Intl. A "wall time" is a local date and time
 * written as if it were UTC, in epoch ms (09:00 on 2024-03-10 in New York is
 * Date.UTC(2024, 2, 10, 9)), so local days and minutes are plain arithmetic; an "instant" is
 * ordinary epoch ms.
 */

const DAY_MS = 86_400_000;

/** Instants from `start` (inclusive) to `end` (exclusive); ±Infinity where unbounded. */
export type Span = readonly [start: number, end: number];

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building an Intl formatter costs far more than using one, and this runs on every incoming
// call: one per zone, kept for the life of the process (there are only a few hundred zones).
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      // 'h23', not `hour12: false`, which some ICU versions answer with "24" at midnight.
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** A zone's wall clock, remembering what it has read (meant for one computation, then dropped). */
export interface ZoneClock {
  /** The zone's wall time at an instant. */
  wallTimeAt(instant: number): number;
  /**
   * The instants at which the wall clock reads from `start` (inclusive) to `end` (exclusive);
   * ±Infinity for no bound. Usually one span. Where clocks spring forward past `start`, it
   * begins at the end of the gap (a 02:30 that never happens opens at 03:00); where they fall
   * back, the wall clock reads each time of the repeated hour twice, so the span starts at the
   * first of them — and a range ending inside that hour is entered again when the clock goes back.
   */
  instantsBetween(start: number, end: number): Span[];
}

/** Throws (RangeError) for a zone Intl does not know. */
export function zoneClock(timeZone: string): ZoneClock {
  const formatter = formatterFor(timeZone);
  // Neighbouring ranges probe the same instants: each formatting costs microseconds.
  const offsets = new Map<number, number>();

  /** How far the wall clock is ahead of UTC at an instant, in ms (New York in winter: -5 h). */
  function offsetAt(instant: number): number {
    const known = offsets.get(instant);
    if (known !== undefined) return known;
    const field = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const part of formatter.formatToParts(instant)) {
      if (part.type in field) field[part.type as keyof typeof field] = Number(part.value);
    }
    const { year, month, day, hour, minute, second } = field;
    // The formatter shows whole seconds: compare with the instant's whole second.
    const offset =
      Date.UTC(year, month - 1, day, hour, minute, second) -
      (instant - (((instant % 1000) + 1000) % 1000));
    offsets.set(instant, offset);
    return offset;
  }

  /**
   * The offsets in force around a wall time: `before` until the instant `at`, `after` from it.
   * Offsets are under a day either way, so every instant reading a time of the wall's day lies
   * between midnight UTC the day before and the one two days after; no zone changes twice within
   * those three days, so two probes settle it, and on the rare days they differ bisection finds
   * the change to the second.
   */
  function offsetsAround(wall: number) {
    let low = (Math.floor(wall / DAY_MS) - 1) * DAY_MS;
    let high = low + 3 * DAY_MS;
    const before = offsetAt(low);
    const after = offsetAt(high);
    if (before === after) return { at: wall, before, after };
    while (high - low > 1000) {
      const middle = low + Math.floor((high - low) / 2000) * 1000;
      if (offsetAt(middle) === before) low = middle;
      else high = middle;
    }
    return { at: high, before, after };
  }

  return {
    wallTimeAt: (instant) => instant + offsetAt(instant),
    instantsBetween(start, end) {
      // Instants before the change read instant + before, those from it on instant + after.
      const from: Span[] = [[-Infinity, Infinity]];
      if (start !== -Infinity) {
        const { at, before, after } = offsetsAround(start);
        from.splice(0, 1, [start - before, at], [Math.max(at, start - after), Infinity]);
      }
      const until: Span[] = [[-Infinity, Infinity]];
      if (end !== Infinity) {
        const { at, before, after } = offsetsAround(end);
        until.splice(
          0,
          1,
          [-Infinity, Math.min(at, end - before)],
          [at, Math.max(at, end - after)],
        );
      }
      const spans: Span[] = [];
      for (const [fromStart, fromEnd] of from) {
        for (const [untilStart, untilEnd] of until) {
          const span: Span = [Math.max(fromStart, untilStart), Math.min(fromEnd, untilEnd)];
          if (span[0] < span[1]) spans.push(span);
        }
      }
      return spans.sort((a, b) => a[0] - b[0]);
    },
  };
}
