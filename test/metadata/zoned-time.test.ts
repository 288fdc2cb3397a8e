import { DateTime } from 'luxon';
import { zoneClock } from '../../src/metadata/zoned-time.js';

const at = (iso: string): number => Date.parse(iso);
/** A wall time: the local date and time written as if it were UTC. */
const wall = (local: string): number => Date.parse(`${local}Z`);
const NEW_YORK = 'America/New_York';

describe('zoneClock', () => {
  it('reads the wall clock at an instant, on either side of a change', () => {
    const clock = zoneClock(NEW_YORK);
    expect(clock.wallTimeAt(at('2024-03-10T06:59:59Z'))).toBe(wall('2024-03-10T01:59:59'));
    expect(clock.wallTimeAt(at('2024-03-10T07:00:00Z'))).toBe(wall('2024-03-10T03:00:00'));
    // Half-hour offsets and a half-hour jump (Lord Howe, 2024-10-06 02:00 +10:30 → 02:30 +11).
    const lordHowe = zoneClock('Australia/Lord_Howe');
    expect(lordHowe.wallTimeAt(at('2024-10-05T15:29:59Z'))).toBe(wall('2024-10-06T01:59:59'));
    expect(lordHowe.wallTimeAt(at('2024-10-05T15:30:00Z'))).toBe(wall('2024-10-06T02:30:00'));
  });

  it('outside any change, a range is one span', () => {
    expect(
      zoneClock(NEW_YORK).instantsBetween(wall('2024-01-03T09:00'), wall('2024-01-03T17:00')),
    ).toEqual([[at('2024-01-03T14:00:00Z'), at('2024-01-03T22:00:00Z')]]);
  });

  describe('where Luxon’s DateTime reads wall times differently, we keep reading the clock', () => {
    // 2024-03-10: at 02:00 EST (07:00Z) New York jumps to 03:00 EDT.
    it('a start in the spring-forward gap opens when the gap ends, not a gap later', () => {
      // Luxon moves the missing 02:30 forward by the gap's length, to 03:30 EDT = 07:30Z; but
      // from 07:00Z the clock reads 03:00, inside 02:30–04:00, so the range is open from there.
      const luxon = DateTime.fromObject(
        { year: 2024, month: 3, day: 10, hour: 2, minute: 30 },
        { zone: NEW_YORK },
      );
      expect(luxon.toMillis()).toBe(at('2024-03-10T07:30:00Z'));
      expect(
        zoneClock(NEW_YORK).instantsBetween(wall('2024-03-10T02:30'), wall('2024-03-10T04:00')),
      ).toEqual([[at('2024-03-10T07:00:00Z'), at('2024-03-10T08:00:00Z')]]);
    });

    it('a range wholly inside the gap has no instants', () => {
      // Luxon would make 02:00–02:45 into 03:00–03:45 EDT; the clock never reads 02:00–02:45.
      expect(
        zoneClock(NEW_YORK).instantsBetween(wall('2024-03-10T02:00'), wall('2024-03-10T02:45')),
      ).toEqual([]);
    });

    // 2024-11-03: at 02:00 EDT (06:00Z) New York goes back to 01:00 EST.
    it('in the repeated hour, a wall time is both of its instants, not one of them', () => {
      // Luxon's DateTime picks one occurrence of 01:30 (which one depends on the offset in force
      // on the day the code runs) and lists both only on request.
      const luxon = DateTime.fromObject(
        { year: 2024, month: 11, day: 3, hour: 1, minute: 30 },
        { zone: NEW_YORK },
      );
      expect(luxon.getPossibleOffsets().map((time) => time.toMillis())).toEqual([
        at('2024-11-03T05:30:00Z'),
        at('2024-11-03T06:30:00Z'),
      ]);
      const clock = zoneClock(NEW_YORK);
      // From 01:30: the first 01:30 to the change, then from the second 01:30 (06:00Z–06:30Z reads
      // 01:00–01:30 again, before the start).
      expect(clock.instantsBetween(wall('2024-11-03T01:30'), wall('2024-11-03T03:00'))).toEqual([
        [at('2024-11-03T05:30:00Z'), at('2024-11-03T06:00:00Z')],
        [at('2024-11-03T06:30:00Z'), at('2024-11-03T08:00:00Z')],
      ]);
      // Until 01:30: up to the first 01:30, and again from the change to the second.
      expect(clock.instantsBetween(wall('2024-11-03T00:00'), wall('2024-11-03T01:30'))).toEqual([
        [at('2024-11-03T04:00:00Z'), at('2024-11-03T05:30:00Z')],
        [at('2024-11-03T06:00:00Z'), at('2024-11-03T06:30:00Z')],
      ]);
    });
  });

  it('throws a RangeError for a zone Intl does not know', () => {
    expect(() => zoneClock('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
