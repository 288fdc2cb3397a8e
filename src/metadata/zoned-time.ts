import { IANAZone } from 'luxon';

/**
 * Wall clocks of IANA time zones, read through Luxon. A "wall time" is a local date and time
 * written as if it were UTC, in epoch ms (09:00 on 2024-03-10 in New York is
 * Date.UTC(2024, 2, 10, 9)), so local days and minutes are plain arithmetic; an "instant" is
 * ordinary epoch ms.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Instants from `start` (inclusive) to `end` (exclusive); ±Infinity where unbounded. */
export type Span = readonly [start: number, end: number];

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

/**
 * The instants a wall time reads at: one; none, when it falls in a spring-forward gap; or two,
 * when it falls in a repeated hour. `change` is the instant the clock jumps in the last two cases.
 */
type Reading =
  | { readonly kind: 'once'; readonly at: number }
  | { readonly kind: 'gap'; readonly change: number }
  | {
      readonly kind: 'twice';
      readonly first: number;
      readonly second: number;
      readonly change: number;
    };

/** Throws (RangeError) for a zone Intl does not know. */
export function zoneClock(timeZone: string): ZoneClock {
  const zone = IANAZone.create(timeZone);
  if (!zone.isValid) throw new RangeError(`Unknown time zone: ${timeZone}`);
  // Neighbouring ranges probe the same instants, and each probe is an Intl formatting.
  const offsets = new Map<number, number>();

  /** How far the wall clock is ahead of UTC at an instant, in ms (New York in winter: -5 h). */
  function offsetAt(instant: number): number {
    let offset = offsets.get(instant);
    if (offset === undefined) {
      // Luxon answers in minutes; historical offsets carry seconds, so round to the ms.
      offset = Math.round(zone.offset(instant) * MINUTE_MS);
      offsets.set(instant, offset);
    }
    return offset;
  }

  /**
   * Luxon's own DateTime moves a time in a gap forward by the gap's length (02:30 becomes 03:30)
   * and has no call for the instant clocks change. Our hours need that instant: a range from
   * 02:30 is open as soon as the clock reads 03:00, and one wholly inside the gap never opens.
   * It lies between two candidate instants less than the size of the jump apart; offsets are
   * whole seconds, so a dozen probes find it.
   */
  function changeBetween(low: number, high: number): number {
    const before = offsetAt(low);
    while (high - low > 1000) {
      const middle = low + Math.floor((high - low) / 2000) * 1000;
      if (offsetAt(middle) === before) low = middle;
      else high = middle;
    }
    return high;
  }

  /**
   * The test Luxon's DateTime#getPossibleOffsets makes, on the zone directly (building DateTimes
   * for it costs far more than the probes, and reruns them): read the wall time with the offset from before a change and
   * with the one after, and keep the readings the zone confirms. Offsets are under a day either
   * way, so every instant reading a time of the wall's day lies between midnight UTC the day
   * before and the one two days after, and no zone changes twice within those three days.
   */
  function reading(wall: number): Reading {
    const day = Math.floor(wall / DAY_MS) * DAY_MS;
    const before = offsetAt(day - DAY_MS);
    const after = offsetAt(day + 2 * DAY_MS);
    if (before === after) return { kind: 'once', at: wall - before };
    const early = wall - before;
    const late = wall - after;
    const earlyHolds = offsetAt(early) === before;
    const lateHolds = offsetAt(late) === after;
    if (earlyHolds && lateHolds) {
      return { kind: 'twice', first: early, second: late, change: changeBetween(early, late) };
    }
    if (earlyHolds) return { kind: 'once', at: early };
    if (lateHolds) return { kind: 'once', at: late };
    // Neither: the clock jumps over the wall time, between reading it one way and the other.
    return { kind: 'gap', change: changeBetween(late, early) };
  }

  /** The instants at which the wall clock reads `start` or later. */
  function from(start: number): Span[] {
    if (start === -Infinity) return [[-Infinity, Infinity]];
    const read = reading(start);
    if (read.kind === 'once') return [[read.at, Infinity]];
    if (read.kind === 'gap') return [[read.change, Infinity]];
    return [
      [read.first, read.change],
      [read.second, Infinity],
    ];
  }

  /** The instants at which the wall clock reads earlier than `end`. */
  function until(end: number): Span[] {
    if (end === Infinity) return [[-Infinity, Infinity]];
    const read = reading(end);
    if (read.kind === 'once') return [[-Infinity, read.at]];
    if (read.kind === 'gap') return [[-Infinity, read.change]];
    return [
      [-Infinity, read.first],
      [read.change, read.second],
    ];
  }

  return {
    wallTimeAt: (instant) => instant + offsetAt(instant),
    instantsBetween(start, end) {
      const spans: Span[] = [];
      for (const [fromStart, fromEnd] of from(start)) {
        for (const [untilStart, untilEnd] of until(end)) {
          const span: Span = [Math.max(fromStart, untilStart), Math.min(fromEnd, untilEnd)];
          if (span[0] < span[1]) spans.push(span);
        }
      }
      return spans.sort((a, b) => a[0] - b[0]);
    },
  };
}
