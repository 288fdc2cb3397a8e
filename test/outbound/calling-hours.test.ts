import { calleeZones } from '../../src/outbound/callee-zones.js';
import {
  nextCallableAt,
  nextCallableInZones,
  validateCallingWindow,
} from '../../src/outbound/calling-hours.js';
import type { Contact } from '../../src/outbound/contact.js';

const at = (iso: string): number => Date.parse(iso);
const US_NUMBER: Contact = { id: 'us', phone: '+12125550100' };
const UK_NUMBER: Contact = { id: 'uk', phone: '+442079460018' };
const TCPA = { start: '08:00', end: '21:00' };
const NINE_TO_NINE = { start: '09:00', end: '21:00' };

describe('nextCallableAt, a contact with its own zone', () => {
  const newYorker: Contact = { id: 'ny', phone: '+442079460018', timeZone: 'America/New_York' };

  it('is now while the window is open, and the window’s end is exclusive', () => {
    const now = at('2026-01-15T20:00:00Z'); // 15:00 EST
    expect(nextCallableAt(newYorker, NINE_TO_NINE, 'US', now)).toBe(now);
    expect(nextCallableAt(newYorker, NINE_TO_NINE, 'US', at('2026-01-16T01:59:59.999Z'))).toBe(
      at('2026-01-16T01:59:59.999Z'),
    );
    // 21:00 EST sharp: closed, so the next morning at 09:00 EST.
    expect(nextCallableAt(newYorker, NINE_TO_NINE, 'US', at('2026-01-16T02:00:00Z'))).toBe(
      at('2026-01-16T14:00:00Z'),
    );
  });

  it('its zone wins over its number’s country (a UK number, a New York callee)', () => {
    // 12:00Z is noon in London but 07:00 in New York.
    expect(nextCallableAt(newYorker, NINE_TO_NINE, 'GB', at('2026-01-15T12:00:00Z'))).toBe(
      at('2026-01-15T14:00:00Z'),
    );
  });

  it('opens at 09:00 on the callee’s clock across the spring-forward change (2026-03-08)', () => {
    // Saturday 22:00 EST: the next opening is Sunday 09:00, already EDT (-4): 13:00Z, not 14:00Z.
    expect(nextCallableAt(newYorker, NINE_TO_NINE, 'US', at('2026-03-08T03:00:00Z'))).toBe(
      at('2026-03-08T13:00:00Z'),
    );
    // The day before, still EST (-5).
    expect(nextCallableAt(newYorker, NINE_TO_NINE, 'US', at('2026-03-07T03:00:00Z'))).toBe(
      at('2026-03-07T14:00:00Z'),
    );
  });

  it('opens at 09:00 on the callee’s clock across the fall-back change (2026-11-01)', () => {
    // Saturday 22:00 EDT: Sunday 09:00 is EST (-5): 14:00Z.
    expect(nextCallableAt(newYorker, NINE_TO_NINE, 'US', at('2026-11-01T02:00:00Z'))).toBe(
      at('2026-11-01T14:00:00Z'),
    );
    // Sunday 20:30 EST is still inside; 21:00 EST = 02:00Z Monday is not.
    expect(nextCallableAt(newYorker, NINE_TO_NINE, 'US', at('2026-11-02T01:30:00Z'))).toBe(
      at('2026-11-02T01:30:00Z'),
    );
    expect(nextCallableAt(newYorker, NINE_TO_NINE, 'US', at('2026-11-02T02:00:00Z'))).toBe(
      at('2026-11-02T14:00:00Z'),
    );
  });

  it('a start inside the spring-forward gap opens when the clock jumps past it', () => {
    // 2026-03-08: 02:00 EST (07:00Z) becomes 03:00 EDT; 02:30 never happens.
    const night = { start: '02:30', end: '04:00' };
    expect(nextCallableAt(newYorker, night, 'US', at('2026-03-08T05:00:00Z'))).toBe(
      at('2026-03-08T07:00:00Z'),
    );
  });
});

describe('nextCallableAt, a number without a zone', () => {
  it('a UK number keeps London’s hours, and after closing waits for the next day (BST starts)', () => {
    const window = { start: '09:00', end: '20:00' };
    // Saturday 2026-03-28 20:30 GMT: closed; Sunday the clocks go forward, 09:00 BST = 08:00Z.
    expect(nextCallableAt(UK_NUMBER, window, 'US', at('2026-03-28T20:30:00Z'))).toBe(
      at('2026-03-29T08:00:00Z'),
    );
    // Sunday 19:59 BST is inside; 20:00 BST (19:00Z) is not.
    expect(nextCallableAt(UK_NUMBER, window, 'US', at('2026-03-29T18:59:00Z'))).toBe(
      at('2026-03-29T18:59:00Z'),
    );
    expect(nextCallableAt(UK_NUMBER, window, 'US', at('2026-03-29T19:00:00Z'))).toBe(
      at('2026-03-30T08:00:00Z'),
    );
  });

  describe('a US number may ring in any US zone, so only while all of them are in the window', () => {
    it('spans New York to Honolulu and Adak', () => {
      // The extremes the figures below rest on: east, Eastern time (-5, -4 in summer); west,
      // Hawaii (-10, no DST) and Adak (-10, -9 in summer). Nothing west of -10 (Guam and
      // American Samoa are countries of their own in ISO 3166).
      const zones = calleeZones(US_NUMBER, 'GB');
      expect(zones).toEqual(
        expect.arrayContaining(['America/New_York', 'America/Adak', 'Pacific/Honolulu']),
      );
      expect(zones).not.toContain('Pacific/Guam');
    });

    it('in winter: from 08:00 in Hawaii (18:00Z) to 21:00 in New York (02:00Z), across UTC midnight', () => {
      expect(nextCallableAt(US_NUMBER, TCPA, 'US', at('2026-01-15T12:00:00Z'))).toBe(
        at('2026-01-15T18:00:00Z'),
      );
      // 20:30 EST, 15:30 HST: inside everywhere.
      expect(nextCallableAt(US_NUMBER, TCPA, 'US', at('2026-01-16T01:30:00Z'))).toBe(
        at('2026-01-16T01:30:00Z'),
      );
      // 21:00 EST: New York has closed; Hawaii opens again the next morning.
      expect(nextCallableAt(US_NUMBER, TCPA, 'US', at('2026-01-16T02:00:00Z'))).toBe(
        at('2026-01-16T18:00:00Z'),
      );
    });

    it('across the DST change New York closes an hour earlier in UTC; Hawaii does not move', () => {
      // Saturday 2026-03-07 20:30 EST (01:30Z Sunday): callable.
      expect(nextCallableAt(US_NUMBER, TCPA, 'US', at('2026-03-08T01:30:00Z'))).toBe(
        at('2026-03-08T01:30:00Z'),
      );
      // Sunday 2026-03-08 21:30 EDT (01:30Z Monday): New York closed at 01:00Z.
      expect(nextCallableAt(US_NUMBER, TCPA, 'US', at('2026-03-09T01:30:00Z'))).toBe(
        at('2026-03-09T18:00:00Z'),
      );
    });

    it('a window narrower than the zones’ spread never opens: undefined', () => {
      // New York closes at 10:00 EST (15:00Z) before Hawaii opens at 08:00 HST (18:00Z).
      expect(
        nextCallableAt(
          US_NUMBER,
          { start: '08:00', end: '10:00' },
          'US',
          at('2026-01-15T12:00:00Z'),
        ),
      ).toBeUndefined();
    });

    it('a window empty all summer opens on the first day it is not: after DST ends', () => {
      // 08:00–13:30 is 5 h 30: in summer New York (-4) closes at 17:30Z, before Hawaii opens at
      // 18:00Z; from Sunday 2026-11-01, New York (-5) closes at 18:30Z, and Adak (back to -10)
      // opens with Hawaii at 18:00Z.
      expect(
        nextCallableAt(
          US_NUMBER,
          { start: '08:00', end: '13:30' },
          'US',
          at('2026-07-01T12:00:00Z'),
        ),
      ).toBe(at('2026-11-01T18:00:00Z'));
    });
  });

  it('a number whose digits name no country (+800) takes the default country’s zones', () => {
    const freephone: Contact = { id: 'f', phone: '+80012345678' };
    // 12:00Z is 21:00 in Tokyo: closed until 09:00 JST, 00:00Z.
    expect(nextCallableAt(freephone, NINE_TO_NINE, 'JP', at('2026-01-15T12:00:00Z'))).toBe(
      at('2026-01-16T00:00:00Z'),
    );
  });

  it('so does a country with no zones on record (Kosovo)', () => {
    const kosovo: Contact = { id: 'k', phone: '+38344123456' };
    expect(calleeZones(kosovo, 'JP')).toEqual(['Asia/Tokyo']);
  });
});

describe('nextCallableInZones', () => {
  it('with one zone is that zone’s window', () => {
    expect(nextCallableInZones(['Europe/London'], NINE_TO_NINE, at('2026-01-15T07:00:00Z'))).toBe(
      at('2026-01-15T09:00:00Z'),
    );
  });

  it('refuses an invalid window and an unknown zone (validated before they get here)', () => {
    const now = at('2026-01-15T07:00:00Z');
    expect(() =>
      nextCallableInZones(['Europe/London'], { start: '21:00', end: '09:00' }, now),
    ).toThrow(RangeError);
    expect(() => nextCallableInZones(['Mars/Olympus'], NINE_TO_NINE, now)).toThrow(RangeError);
  });
});

describe('validateCallingWindow', () => {
  it('accepts HH:MM with start before end, 24:00 as an end', () => {
    expect(validateCallingWindow({ start: '08:00', end: '21:00' })).toEqual([]);
    expect(validateCallingWindow({ start: '00:00', end: '24:00' })).toEqual([]);
  });

  it('lists every problem', () => {
    expect(validateCallingWindow({ start: '8:00', end: '25:00' })).toEqual([
      'start must be a time "HH:MM" from 00:00 to 23:59',
      'end must be a time "HH:MM" from 00:00 to 24:00',
    ]);
    expect(validateCallingWindow({ start: '21:00', end: '09:00' })).toEqual([
      'end must be after start',
    ]);
    expect(validateCallingWindow({ start: '09:00', end: '09:00' })).toEqual([
      'end must be after start',
    ]);
    expect(validateCallingWindow({ start: '24:00', end: '24:00' })).toEqual([
      'start must be a time "HH:MM" from 00:00 to 23:59',
    ]);
  });
});
