import {
  hourOf,
  OUTCOME_HOURS_KEPT,
  OutcomeHours,
  type OutcomeHourSnapshot,
} from '../../src/outbound/outcome-hours.js';

const HOUR = 3_600_000;
/** The start of an hour of the epoch. */
const H0 = Date.parse('2026-12-01T00:00:00Z');

describe('outcomes per hour', () => {
  it('counts each outcome in the hour it ended in, and sums from the hour `since` falls in', () => {
    const hours = new OutcomeHours();
    hours.count('connected', H0); // the hour's first ms
    hours.count('abandoned', H0 + HOUR - 1); // its last ms
    hours.count('connected', H0 + HOUR); // the next hour
    hours.count('machine', H0 + 2 * HOUR + 30 * 60_000);

    expect(hourOf(H0 + HOUR - 1)).toBe(hourOf(H0));
    expect(hours.since(H0)).toEqual({ connected: 2, abandoned: 1, machine: 1 });
    // A `since` inside the first hour still counts all of it (whole hours).
    expect(hours.since(H0 + HOUR - 1)).toEqual({ connected: 2, abandoned: 1, machine: 1 });
    expect(hours.since(H0 + HOUR)).toEqual({ connected: 1, abandoned: 0, machine: 1 });
    expect(hours.since(H0 + 3 * HOUR)).toEqual({ connected: 0, abandoned: 0, machine: 0 });
  });

  it('a 24-hour window read at 00:30 counts from 00:00 the day before: whole hours, up to one more', () => {
    const hours = new OutcomeHours();
    const now = H0 + 24 * HOUR + 30 * 60_000; // 2026-12-02T00:30Z
    hours.count('abandoned', H0 - 1); // 23:59:59.999 the day before: outside
    hours.count('abandoned', H0 + 10 * 60_000); // 00:10, before the exact window's 00:30
    hours.count('connected', H0 + 45 * 60_000); // inside the exact window
    hours.count('connected', now); // now
    expect(hours.since(now - 24 * HOUR)).toEqual({ connected: 2, abandoned: 1, machine: 0 });
  });

  it('keeps 30 days and the hour before: a new hour drops those older', () => {
    const hours = new OutcomeHours();
    hours.count('abandoned', H0);
    hours.count('connected', H0 + HOUR);
    const last = H0 + OUTCOME_HOURS_KEPT * HOUR; // 721 hours after H0
    hours.count('connected', last - HOUR); // H0 is still within 721 hours of this one
    expect(hours.snapshot().map(([hour]) => hour - hourOf(H0))).toEqual([0, 1, 720]);
    hours.count('machine', last); // H0 is now 721 hours back: dropped
    expect(hours.snapshot().map(([hour]) => hour - hourOf(H0))).toEqual([1, 720, 721]);
    expect(hours.since(0)).toEqual({ connected: 2, abandoned: 0, machine: 1 });
  });

  it('comes back from its snapshot as it was', () => {
    const hours = new OutcomeHours();
    hours.count('abandoned', H0);
    hours.count('machine', H0 + 5 * HOUR);
    const again = OutcomeHours.fromSnapshot(
      JSON.parse(JSON.stringify(hours.snapshot())) as OutcomeHourSnapshot[],
    );
    expect(again.snapshot()).toEqual([
      [hourOf(H0), 0, 1, 0],
      [hourOf(H0) + 5, 0, 0, 1],
    ]);
    expect(again.since(H0)).toEqual({ connected: 0, abandoned: 1, machine: 1 });
  });
});
