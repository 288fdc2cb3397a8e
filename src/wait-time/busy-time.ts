/**
 * The stretches of time during which somebody was waiting in a queue, kept as the union of the
 * callers' own waiting intervals [left − waited, left]. Built from departures alone, so a
 * missed "entered" event (a webhook that never came, a restart) costs nothing. Departures come
 * in order of leaving, not of arriving: a long wait that began before shorter ones must not be
 * counted twice, nor its early part lost, so the union is kept exactly for a bounded past.
 */
export interface Interval {
  readonly from: number;
  readonly to: number;
}

/** Waits longer than this are not expected; intervals ending before it are forgotten. */
const HORIZON_MS = 6 * 3600 * 1000;

export interface BusyTime {
  /**
   * Adds [from, to] and returns the parts of it not covered before (what the caller's wait
   * added to the busy time), oldest first.
   */
  add(from: number, to: number): Interval[];
}

export function createBusyTime(): BusyTime {
  // Disjoint, sorted by `from` (and therefore by `to`).
  let intervals: Interval[] = [];
  return {
    add(from, to) {
      if (!(to > from)) return [];
      let first = intervals.length;
      while (first > 0 && (intervals[first - 1] as Interval).to >= from) first -= 1;
      let last = first; // exclusive
      while (last < intervals.length && (intervals[last] as Interval).from <= to) last += 1;
      const overlapping = intervals.slice(first, last);

      const uncovered: Interval[] = [];
      let cursor = from;
      for (const covered of overlapping) {
        if (covered.from > cursor) uncovered.push({ from: cursor, to: covered.from });
        cursor = Math.max(cursor, covered.to);
      }
      if (cursor < to) uncovered.push({ from: cursor, to });

      const merged: Interval = {
        from: Math.min(from, overlapping[0]?.from ?? from),
        to: Math.max(to, overlapping[overlapping.length - 1]?.to ?? to),
      };
      intervals.splice(first, last - first, merged);
      const keepAfter = to - HORIZON_MS;
      if ((intervals[0] as Interval).to < keepAfter) {
        intervals = intervals.filter((interval) => interval.to >= keepAfter);
      }
      return uncovered;
    },
  };
}
