import { afterQuietHours } from '../../src/survey/quiet-hours.js';

const at = (iso: string) => Date.parse(iso);
const NIGHT = { start: '21:00', end: '09:00' };

describe('afterQuietHours', () => {
  it('outside the quiet hours, sends at once', () => {
    expect(afterQuietHours(at('2026-11-23T15:00:00Z'), NIGHT, 'UTC')).toBe(
      at('2026-11-23T15:00:00Z'),
    );
  });

  it('late in the evening, waits for the next morning in the queue’s zone', () => {
    // 23:30 in New York (UTC-5 in November) is 04:30 UTC the next day.
    expect(afterQuietHours(at('2026-11-24T04:30:00Z'), NIGHT, 'America/New_York')).toBe(
      at('2026-11-24T14:00:00Z'),
    );
  });

  it('after midnight, waits for the same morning', () => {
    expect(afterQuietHours(at('2026-11-23T02:00:00Z'), NIGHT, 'Europe/London')).toBe(
      at('2026-11-23T09:00:00Z'),
    );
  });

  it('quiet hours within a day (a lunch break) end the same day', () => {
    const lunch = { start: '12:00', end: '13:30' };
    expect(afterQuietHours(at('2026-11-23T12:10:00Z'), lunch, 'UTC')).toBe(
      at('2026-11-23T13:30:00Z'),
    );
    expect(afterQuietHours(at('2026-11-23T13:30:00Z'), lunch, 'UTC')).toBe(
      at('2026-11-23T13:30:00Z'),
    );
  });

  it('ends at the local time across a daylight-saving change', () => {
    // Paris moves to summer time on 2026-03-29; 09:00 that morning is 07:00 UTC.
    expect(afterQuietHours(at('2026-03-28T22:00:00Z'), NIGHT, 'Europe/Paris')).toBe(
      at('2026-03-29T07:00:00Z'),
    );
  });

  it('without quiet hours, sends at once', () => {
    expect(afterQuietHours(5, undefined, 'UTC')).toBe(5);
  });
});
