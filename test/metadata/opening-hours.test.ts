import { createOpeningHours, openingStatus } from '../../src/metadata/opening-hours.js';
import {
  ALWAYS_OPEN,
  WEEKDAYS,
  type Closure,
  type OpeningRange,
  type QueueMetadata,
  type Weekday,
} from '../../src/metadata/queue-metadata.js';
import { seededRandom } from '../support/seeded-random.js';

type Week = QueueMetadata['weeklyHours'];

const at = (iso: string): number => Date.parse(iso);
const range = (open: string, close: string): OpeningRange => ({ open, close });

function week(days: Partial<Record<Weekday, OpeningRange[]>>): Week {
  return Object.fromEntries(WEEKDAYS.map((day) => [day, days[day] ?? []])) as Record<
    Weekday,
    OpeningRange[]
  >;
}

function everyDay(...ranges: OpeningRange[]): Week {
  return week(Object.fromEntries(WEEKDAYS.map((day) => [day, ranges])));
}

const officeHours = [range('09:00', '12:30'), range('13:30', '17:00')];
const office = week({
  monday: officeHours,
  tuesday: officeHours,
  wednesday: officeHours,
  thursday: officeHours,
  friday: officeHours,
});

function status(timeZone: string, weeklyHours: Week, now: string, closures: Closure[] = []) {
  return openingStatus({ timeZone, weeklyHours, closures }, at(now));
}

describe('opening hours', () => {
  describe('Europe/London office hours (Mon–Fri 09:00–12:30, 13:30–17:00)', () => {
    // In January London is on GMT: local time equals UTC.
    it('inside a range, is open until that range closes', () => {
      // Wednesday 10:00 GMT.
      expect(status('Europe/London', office, '2024-01-03T10:00:00Z')).toEqual({
        open: true,
        closesAt: at('2024-01-03T12:30:00Z'),
      });
    });

    it('is open exactly at opening time and closed exactly at closing time', () => {
      expect(status('Europe/London', office, '2024-01-03T09:00:00Z')).toEqual({
        open: true,
        closesAt: at('2024-01-03T12:30:00Z'),
      });
      expect(status('Europe/London', office, '2024-01-03T08:59:59.999Z')).toEqual({
        open: false,
        nextOpenAt: at('2024-01-03T09:00:00Z'),
      });
      // 17:00 Wednesday closes; Thursday 09:00 GMT opens.
      expect(status('Europe/London', office, '2024-01-03T17:00:00Z')).toEqual({
        open: false,
        nextOpenAt: at('2024-01-04T09:00:00Z'),
      });
    });

    it('over the lunch break, is closed until the afternoon range opens', () => {
      for (const now of ['2024-01-03T12:30:00Z', '2024-01-03T13:00:00Z']) {
        expect(status('Europe/London', office, now)).toEqual({
          open: false,
          nextOpenAt: at('2024-01-03T13:30:00Z'),
        });
      }
    });

    it('over the weekend, next opens on Monday at 09:00 local', () => {
      // Friday 17:00 and Saturday noon GMT → Monday 2024-01-08 09:00 GMT.
      for (const now of ['2024-01-05T17:00:00Z', '2024-01-06T12:00:00Z']) {
        expect(status('Europe/London', office, now)).toEqual({
          open: false,
          nextOpenAt: at('2024-01-08T09:00:00Z'),
        });
      }
      // In June London is on BST (UTC+1): Monday 2024-06-10 09:00 BST is 08:00Z.
      expect(status('Europe/London', office, '2024-06-08T12:00:00Z')).toEqual({
        open: false,
        nextOpenAt: at('2024-06-10T08:00:00Z'),
      });
    });

    it('on a closure date is closed all day and next opens the day after', () => {
      const staffDay = [{ date: '2024-01-03', reason: 'staff day' }];
      // Wednesday closed: Wednesday 10:00 → Thursday 09:00; Tuesday 17:00 skips Wednesday too.
      for (const now of ['2024-01-03T10:00:00Z', '2024-01-02T17:00:00Z']) {
        expect(status('Europe/London', office, now, staffDay)).toEqual({
          open: false,
          nextOpenAt: at('2024-01-04T09:00:00Z'),
        });
      }
    });
  });

  it('joins adjacent ranges (in any order) into one opening', () => {
    const split = [range('12:00', '17:00'), range('09:00', '12:00')];
    const hours = week({ wednesday: split });
    // 10:00 and 12:00 GMT: one opening 09:00–17:00.
    for (const now of ['2024-01-03T10:00:00Z', '2024-01-03T12:00:00Z']) {
      expect(status('Europe/London', hours, now)).toEqual({
        open: true,
        closesAt: at('2024-01-03T17:00:00Z'),
      });
    }
  });

  it('open around the clock, never closes — not even across a DST change', () => {
    const always = status('Europe/London', ALWAYS_OPEN, '2024-01-03T10:00:00Z');
    expect(always).toEqual({ open: true });
    expect(always.closesAt).toBeUndefined();
    // New York springs forward at 07:00Z that day; the wall clock still reads inside 00:00–24:00.
    expect(status('America/New_York', ALWAYS_OPEN, '2024-03-10T06:59:00Z')).toEqual({ open: true });
  });

  it('open around the clock but for a closure, closes at that local midnight', () => {
    const closures = [{ date: '2024-12-25' }];
    // London is on GMT in December: closed from 2024-12-25T00:00Z to 2024-12-26T00:00Z.
    expect(status('Europe/London', ALWAYS_OPEN, '2024-12-24T12:00:00Z', closures)).toEqual({
      open: true,
      closesAt: at('2024-12-25T00:00:00Z'),
    });
    expect(status('Europe/London', ALWAYS_OPEN, '2024-12-25T12:00:00Z', closures)).toEqual({
      open: false,
      nextOpenAt: at('2024-12-26T00:00:00Z'),
    });
  });

  it('overnight (22:00–24:00 and 00:00–06:00) is one opening across midnight', () => {
    const nights = everyDay(range('22:00', '24:00'), range('00:00', '06:00'));
    // Wednesday 23:00 and Thursday 03:00 GMT → open until Thursday 06:00 GMT.
    for (const now of ['2024-01-03T23:00:00Z', '2024-01-04T03:00:00Z']) {
      expect(status('Europe/London', nights, now)).toEqual({
        open: true,
        closesAt: at('2024-01-04T06:00:00Z'),
      });
    }
    expect(status('Europe/London', nights, '2024-01-04T12:00:00Z')).toEqual({
      open: false,
      nextOpenAt: at('2024-01-04T22:00:00Z'),
    });
    // Friday night only: Friday 22:00 to Saturday 06:00.
    const fridayNight = week({
      friday: [range('22:00', '24:00')],
      saturday: [range('00:00', '06:00')],
    });
    expect(status('Europe/London', fridayNight, '2024-01-05T23:00:00Z')).toEqual({
      open: true,
      closesAt: at('2024-01-06T06:00:00Z'),
    });
  });

  it('with no hours at all, is closed with no next opening', () => {
    expect(status('Europe/London', week({}), '2024-01-03T10:00:00Z')).toEqual({ open: false });
  });

  it('looks for the next opening at most 366 days ahead', () => {
    const mondays = week({ monday: [range('09:00', '17:00')] });
    // From Sunday 2023-12-31 the horizon ends 366 days on, 2024-12-31; its Mondays are
    // 2024-01-01 + 7k, k = 0…52. Close all 53 and the next opening (2025-01-06) is past it.
    const closures = Array.from({ length: 53 }, (_, k) => ({
      date: new Date(Date.UTC(2024, 0, 1 + 7 * k)).toISOString().slice(0, 10),
    }));
    expect(closures.at(-1)).toEqual({ date: '2024-12-30' });
    expect(status('Europe/London', mondays, '2023-12-31T12:00:00Z', closures)).toEqual({
      open: false,
    });
    // Reopen the last Monday: 2024-12-30 09:00 GMT.
    expect(status('Europe/London', mondays, '2023-12-31T12:00:00Z', closures.slice(0, 52))).toEqual(
      { open: false, nextOpenAt: at('2024-12-30T09:00:00Z') },
    );
  });

  it('fails open when the time zone cannot be used', () => {
    expect(status('Mars/Olympus_Mons', week({}), '2024-01-03T10:00:00Z')).toEqual({ open: true });
  });

  describe('America/New_York daylight-saving changes', () => {
    // 2024-03-10 (Sunday): at 02:00 EST (07:00Z) clocks jump to 03:00 EDT.
    it('a range starting in the spring-forward gap opens when the gap ends', () => {
      const hours = week({ sunday: [range('02:30', '04:00')] });
      // 01:00 EST = 06:00Z; 02:30 never happens, the first instant after it is 03:00 EDT = 07:00Z.
      expect(status('America/New_York', hours, '2024-03-10T06:00:00Z')).toEqual({
        open: false,
        nextOpenAt: at('2024-03-10T07:00:00Z'),
      });
      // Then open until 04:00 EDT = 08:00Z.
      expect(status('America/New_York', hours, '2024-03-10T07:00:00Z')).toEqual({
        open: true,
        closesAt: at('2024-03-10T08:00:00Z'),
      });
    });

    it('a range wholly inside the gap does not open that day', () => {
      const hours = week({ sunday: [range('02:00', '02:45')] });
      // Next Sunday, 2024-03-17 02:00 EDT = 06:00Z.
      expect(status('America/New_York', hours, '2024-03-10T06:00:00Z')).toEqual({
        open: false,
        nextOpenAt: at('2024-03-17T06:00:00Z'),
      });
    });

    it('09:00 is 14:00Z the day before the change and 13:00Z on the change day', () => {
      const hours = everyDay(range('09:00', '17:00'));
      // Saturday 07:00 EST → 09:00 EST = 14:00Z.
      expect(status('America/New_York', hours, '2024-03-09T12:00:00Z')).toEqual({
        open: false,
        nextOpenAt: at('2024-03-09T14:00:00Z'),
      });
      // Saturday 17:00 EST (22:00Z) and Sunday 08:00 EDT (12:00Z) → Sunday 09:00 EDT = 13:00Z.
      for (const now of ['2024-03-09T22:00:00Z', '2024-03-10T12:00:00Z']) {
        expect(status('America/New_York', hours, now)).toEqual({
          open: false,
          nextOpenAt: at('2024-03-10T13:00:00Z'),
        });
      }
    });

    // 2024-11-03 (Sunday): at 02:00 EDT (06:00Z) clocks go back to 01:00 EST, so 01:00–02:00
    // happens twice: 05:00Z–06:00Z (EDT) and 06:00Z–07:00Z (EST).
    it('in the repeated hour, both occurrences of 01:30 are inside 01:00–02:00', () => {
      const hours = week({ sunday: [range('01:00', '02:00')] });
      // 01:30 EDT = 05:30Z and 01:30 EST = 06:30Z; the range ends at 02:00 EST = 07:00Z.
      for (const now of ['2024-11-03T05:30:00Z', '2024-11-03T06:30:00Z']) {
        expect(status('America/New_York', hours, now)).toEqual({
          open: true,
          closesAt: at('2024-11-03T07:00:00Z'),
        });
      }
      // 00:00 EDT = 04:00Z: opens at the first 01:00, 01:00 EDT = 05:00Z.
      expect(status('America/New_York', hours, '2024-11-03T04:00:00Z')).toEqual({
        open: false,
        nextOpenAt: at('2024-11-03T05:00:00Z'),
      });
    });

    it('a range ending inside the repeated hour opens again when clocks go back into it', () => {
      const hours = week({ sunday: [range('00:00', '01:30')] });
      // 01:00 EDT = 05:00Z: open until 01:30 EDT = 05:30Z.
      expect(status('America/New_York', hours, '2024-11-03T05:00:00Z')).toEqual({
        open: true,
        closesAt: at('2024-11-03T05:30:00Z'),
      });
      // 01:45 EDT = 05:45Z: the clock reads 01:00 again at 06:00Z (EST), open until 01:30 EST.
      expect(status('America/New_York', hours, '2024-11-03T05:45:00Z')).toEqual({
        open: false,
        nextOpenAt: at('2024-11-03T06:00:00Z'),
      });
      expect(status('America/New_York', hours, '2024-11-03T06:00:00Z')).toEqual({
        open: true,
        closesAt: at('2024-11-03T06:30:00Z'),
      });
    });
  });

  describe('zones with offsets that are not whole hours or are ahead of UTC', () => {
    const weekdays = (ranges: OpeningRange[]) =>
      week({
        monday: ranges,
        tuesday: ranges,
        wednesday: ranges,
        thursday: ranges,
        friday: ranges,
      });

    it('Asia/Kolkata (UTC+05:30)', () => {
      const hours = weekdays([range('09:30', '18:00')]);
      // Monday 09:29 IST = 03:59Z → opens 09:30 IST = 04:00Z, closes 18:00 IST = 12:30Z.
      expect(status('Asia/Kolkata', hours, '2024-06-03T03:59:00Z')).toEqual({
        open: false,
        nextOpenAt: at('2024-06-03T04:00:00Z'),
      });
      expect(status('Asia/Kolkata', hours, '2024-06-03T04:00:00Z')).toEqual({
        open: true,
        closesAt: at('2024-06-03T12:30:00Z'),
      });
      // Friday 18:00 IST → Monday 2024-06-10 09:30 IST = 04:00Z.
      expect(status('Asia/Kolkata', hours, '2024-06-07T12:30:00Z')).toEqual({
        open: false,
        nextOpenAt: at('2024-06-10T04:00:00Z'),
      });
    });

    it('Pacific/Auckland: Monday local while Sunday in UTC', () => {
      const hours = week({ monday: [range('09:00', '17:00')] });
      // June is NZST (UTC+12): Sunday 2024-06-02T21:00Z is Monday 09:00 local; 17:00 is 05:00Z.
      expect(status('Pacific/Auckland', hours, '2024-06-02T21:00:00Z')).toEqual({
        open: true,
        closesAt: at('2024-06-03T05:00:00Z'),
      });
      expect(status('Pacific/Auckland', hours, '2024-06-02T20:59:00Z')).toEqual({
        open: false,
        nextOpenAt: at('2024-06-02T21:00:00Z'),
      });
      // January is NZDT (UTC+13): Sunday 2024-01-07T12:00Z is Monday 01:00; 09:00 is 20:00Z.
      expect(status('Pacific/Auckland', hours, '2024-01-07T12:00:00Z')).toEqual({
        open: false,
        nextOpenAt: at('2024-01-07T20:00:00Z'),
      });
    });

    it('Pacific/Auckland: a closure is a local date, not a UTC one', () => {
      const hours = week({ monday: [range('09:00', '17:00')], tuesday: [range('09:00', '17:00')] });
      // Monday 2024-06-03 closed; Tuesday 09:00 NZST = Monday 2024-06-03T21:00Z.
      expect(
        status('Pacific/Auckland', hours, '2024-06-02T21:00:00Z', [{ date: '2024-06-03' }]),
      ).toEqual({ open: false, nextOpenAt: at('2024-06-03T21:00:00Z') });
    });

    it('Australia/Lord_Howe, whose clocks move by half an hour', () => {
      // 2024-10-06 (Sunday): 02:00 +10:30 (15:30Z on the 5th) jumps to 02:30 +11.
      const spring = week({ sunday: [range('02:00', '03:00')] });
      // 01:30 +10:30 = 15:00Z → opens at the gap's end, 15:30Z; closes 03:00 +11 = 16:00Z.
      expect(status('Australia/Lord_Howe', spring, '2024-10-05T15:00:00Z')).toEqual({
        open: false,
        nextOpenAt: at('2024-10-05T15:30:00Z'),
      });
      expect(status('Australia/Lord_Howe', spring, '2024-10-05T15:30:00Z')).toEqual({
        open: true,
        closesAt: at('2024-10-05T16:00:00Z'),
      });
      // 2024-04-07 (Sunday): 02:00 +11 (15:00Z on the 6th) goes back to 01:30 +10:30, so
      // 01:30–02:00 runs 14:30Z–15:00Z and again 15:00Z–15:30Z: one opening.
      const autumn = week({ sunday: [range('01:30', '02:00')] });
      // 01:00 +11 = 14:00Z → first 01:30, 14:30Z.
      expect(status('Australia/Lord_Howe', autumn, '2024-04-06T14:00:00Z')).toEqual({
        open: false,
        nextOpenAt: at('2024-04-06T14:30:00Z'),
      });
      expect(status('Australia/Lord_Howe', autumn, '2024-04-06T14:45:00Z')).toEqual({
        open: true,
        closesAt: at('2024-04-06T15:30:00Z'),
      });
    });
  });

  describe('agrees with reading the Paris wall clock directly', () => {
    const workday = [range('08:00', '12:00'), range('13:00', '18:30')];
    // Sunday's ranges straddle the 02:00→03:00 (March) and 03:00→02:00 (October) changes.
    const hours = week({
      monday: workday,
      tuesday: workday,
      wednesday: workday,
      thursday: workday,
      friday: workday,
      saturday: [range('09:00', '12:30'), range('22:00', '24:00')],
      sunday: [range('00:00', '02:15'), range('02:40', '03:20'), range('20:00', '21:00')],
    });
    const closures = [{ date: '2024-12-25' }, { date: '2025-05-01' }];
    const clock = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Europe/Paris',
      hourCycle: 'h23',
      weekday: 'long',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });

    function openByClock(instant: number): boolean {
      const part = (type: string) =>
        clock.formatToParts(instant).find((p) => p.type === type)?.value ?? '';
      if (closures.some((c) => c.date === `${part('year')}-${part('month')}-${part('day')}`)) {
        return false;
      }
      const minute = Number(part('hour')) * 60 + Number(part('minute'));
      const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));
      return hours[part('weekday').toLowerCase() as Weekday].some(
        (r) => minutes(r.open) <= minute && minute < minutes(r.close),
      );
    }

    it('at 500 seeded instants: open, closesAt and nextOpenAt', () => {
      const next = seededRandom(20240331);
      const changes = ['2024-03-31T01:00Z', '2024-10-27T01:00Z', '2025-03-30T01:00Z'].map(at);
      for (let i = 0; i < 500; i += 1) {
        // Half anywhere in 2024–2025, half within two days of a daylight-saving change.
        const change = changes[i % changes.length] as number;
        const now =
          i % 2 === 0
            ? Math.floor(at('2024-01-01T00:00Z') + next() * 2 * 365 * 86_400_000)
            : Math.floor(change + (next() * 4 - 2) * 86_400_000);
        const found = openingStatus(
          { timeZone: 'Europe/Paris', weeklyHours: hours, closures },
          now,
        );
        const label = new Date(now).toISOString();
        expect({ label, open: found.open }).toEqual({ label, open: openByClock(now) });
        const edge = found.open ? found.closesAt : found.nextOpenAt;
        if (edge === undefined) throw new Error(`${label}: no edge in ${JSON.stringify(found)}`);
        expect(edge).toBeGreaterThan(now);
        // The status flips exactly at the edge: as it was just before, and a minute before.
        expect({ label, after: openByClock(edge) }).toEqual({ label, after: !found.open });
        expect({ label, before: openByClock(edge - 1) }).toEqual({ label, before: found.open });
        if (edge - 60_000 > now) {
          expect({ label, minute: openByClock(edge - 60_000) }).toEqual({
            label,
            minute: found.open,
          });
        }
      }
    });
  });
});

describe('opening hours on the call path (remembered until the next change)', () => {
  const hours = { timeZone: 'UTC', weeklyHours: everyDay(range('09:00', '17:00')), closures: [] };

  it('answers as openingStatus does, before and after each change it predicted', () => {
    const statusOf = createOpeningHours();
    for (const iso of [
      '2026-11-23T08:00:00Z',
      '2026-11-23T08:59:59.999Z',
      '2026-11-23T09:00:00Z',
      '2026-11-23T16:59:59.999Z',
      '2026-11-23T17:00:00Z',
      '2026-11-24T09:30:00Z',
      '2026-11-23T10:00:00Z', // the clock went back (NTP): recomputed, not reused
    ]) {
      expect(statusOf(hours, at(iso))).toEqual(openingStatus(hours, at(iso)));
    }
  });

  it('an edited schedule (a new object) is read afresh', () => {
    const statusOf = createOpeningHours();
    expect(statusOf(hours, at('2026-11-23T10:00:00Z')).open).toBe(true);
    const closed = { ...hours, weeklyHours: week({}) };
    expect(statusOf(closed, at('2026-11-23T10:00:01Z')).open).toBe(false);
  });
});
