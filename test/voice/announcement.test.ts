import {
  describeDuration,
  describeEstimate,
  describePosition,
  type WordingOptions,
} from '../../src/voice/announcement.js';

const nearest: WordingOptions = { positionCap: 10, rounding: 'nearest' };
const up: WordingOptions = { positionCap: 10, rounding: 'up' };

describe('describePosition', () => {
  it('calls position 1 next in line', () => {
    expect(describePosition(1, nearest)).toBe('You are next in line.');
  });

  it('gives the number from 2 up to the cap', () => {
    expect(describePosition(2, nearest)).toBe('You are number 2 in line.');
    expect(describePosition(10, nearest)).toBe('You are number 10 in line.');
  });

  it('above the cap, says at least cap callers are ahead', () => {
    expect(describePosition(11, nearest)).toBe('There are at least 10 callers ahead of you.');
    expect(describePosition(250, nearest)).toBe('There are at least 10 callers ahead of you.');
  });

  it('with a cap of 1, still calls position 1 next', () => {
    expect(describePosition(1, { positionCap: 1, rounding: 'nearest' })).toBe(
      'You are next in line.',
    );
  });

  // Known wording slip: a cap of 1 (which config allows) gives "at least 1 callers".
  it('with a cap of 1, speaks of one caller in the singular', () => {
    expect(describePosition(2, { positionCap: 1, rounding: 'nearest' })).toBe(
      'There is at least 1 caller ahead of you.',
    );
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'says nothing for the position %p',
    (position) => {
      expect(describePosition(position, nearest)).toBeUndefined();
    },
  );
});

describe('describeDuration', () => {
  describe("with 'nearest' rounding", () => {
    it.each([
      [0, 'less than a minute'],
      [59, 'less than a minute'],
      [59.9, 'less than a minute'],
      [60, 'about 1 minute'],
      [89, 'about 1 minute'], // 1.48 min
      [90, 'about 2 minutes'], // 1.5 min rounds half up
      [599, 'about 10 minutes'], // 9.98 min
      [600, 'about 10 minutes'],
      [601, 'about 10 minutes'], // 10.02 → 10
      [630, 'about 10 minutes'], // 10.5 → 11 → 11/5 = 2.2 → 10
      [744, 'about 10 minutes'], // 12.4 → 12 → 2.4 → 10
      [750, 'about 15 minutes'], // 12.5 → 13 → 2.6 → 15
      [1050, 'about 20 minutes'], // 17.5 → 18 → 3.6 → 20
      [3300, 'about 55 minutes'], // 55 → 11 → 55
      [3444, 'about 55 minutes'], // 57.4 → 57 → 11.4 → 55
      [3450, 'about an hour'], // 57.5 → 58 → 11.6 → 60
      [3599, 'about an hour'], // 59.98 → 60 → 60
      [3600, 'more than an hour'],
      [86_400, 'more than an hour'],
    ])('describes %p seconds as %j', (seconds, expected) => {
      expect(describeDuration(seconds, 'nearest')).toBe(expected);
    });
  });

  describe("with 'up' rounding", () => {
    it.each([
      [0, 'less than a minute'],
      [59, 'less than a minute'],
      [60, 'about 1 minute'],
      [61, 'about 2 minutes'], // 1.02 → 2
      [89, 'about 2 minutes'],
      [90, 'about 2 minutes'],
      [599, 'about 10 minutes'], // 9.98 → 10
      [600, 'about 10 minutes'],
      [601, 'about 15 minutes'], // 10.02 → 11 → 2.2 → 3 → 15
      [630, 'about 15 minutes'],
      [900, 'about 15 minutes'], // 15 → 3 → 15
      [901, 'about 20 minutes'], // 15.02 → 16 → 3.2 → 4 → 20
      [3300, 'about 55 minutes'],
      [3301, 'about an hour'], // 55.02 → 56 → 11.2 → 12 → 60
      [3599, 'about an hour'],
      [3600, 'more than an hour'],
    ])('describes %p seconds as %j', (seconds, expected) => {
      expect(describeDuration(seconds, 'up')).toBe(expected);
    });
  });
});

describe('describeEstimate', () => {
  it('speaks a known estimate as a sentence', () => {
    expect(describeEstimate({ kind: 'known', seconds: 90 }, nearest)).toBe(
      'Your estimated wait is about 2 minutes.',
    );
  });

  it('speaks a zero estimate as less than a minute', () => {
    expect(describeEstimate({ kind: 'known', seconds: 0 }, nearest)).toBe(
      'Your estimated wait is less than a minute.',
    );
  });

  it('uses the rounding it is given', () => {
    expect(describeEstimate({ kind: 'known', seconds: 61 }, nearest)).toBe(
      'Your estimated wait is about 1 minute.',
    );
    expect(describeEstimate({ kind: 'known', seconds: 61 }, up)).toBe(
      'Your estimated wait is about 2 minutes.',
    );
  });

  it('says nothing when the estimate is unknown', () => {
    expect(describeEstimate({ kind: 'unknown', reason: 'stale-stats' }, nearest)).toBeUndefined();
  });

  it.each([Number.NaN, -1, Number.POSITIVE_INFINITY])(
    'says nothing for a known estimate of %p seconds',
    (seconds) => {
      expect(describeEstimate({ kind: 'known', seconds }, nearest)).toBeUndefined();
    },
  );
});
