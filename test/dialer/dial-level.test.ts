import { dialLevel, DialLevelReporter } from '../../src/dialer/dial-level.js';
import type { Attempt, AttemptState } from '../../src/outbound/attempt.js';
import type { PacingState } from '../../src/outbound/campaign-store.js';

const T0 = Date.parse('2026-12-07T12:00:00Z');

function attempt(n: number, state: AttemptState, extra: Partial<Attempt> = {}): Attempt {
  return {
    id: `c${n}#1`,
    campaignId: 'CE1',
    contactId: `c${n}`,
    phone: `+1415555010${n}`,
    number: 1,
    state,
    claimedAt: T0,
    ...extra,
  };
}

describe('the dial level', () => {
  it('is calls in progress per rep working the campaign: parked, or on one of its calls', () => {
    const active = [
      attempt(1, 'claimed'), // no call yet
      attempt(2, 'dialing'),
      attempt(3, 'live'), // ringing
      attempt(4, 'live', { answeredAt: T0 }), // waiting for a rep
      attempt(5, 'live', { answeredAt: T0, connectedAt: T0 }), // with a rep
      attempt(6, 'unknown'),
    ];
    // Five calls; two parked reps and one on a call.
    expect(dialLevel(active, 2)).toBeCloseTo(5 / 3, 12);
    expect(dialLevel([], 4)).toBe(0);
  });

  it('is null with no rep', () => {
    expect(dialLevel([attempt(1, 'live')], 0)).toBeNull();
    expect(dialLevel([], 0)).toBeNull();
  });
});

describe('DialLevelReporter', () => {
  function setUp() {
    const written: PacingState[] = [];
    const reporter = new DialLevelReporter(
      {
        setPacingState: (_id, state) => {
          written.push(state);
          return Promise.resolve();
        },
      },
      'CE1',
    );
    return { written, reporter };
  }

  it('writes a change at most once a second, and an unchanged level every 5 s', async () => {
    const { written, reporter } = setUp();
    await reporter.report(1, T0);
    await reporter.report(2, T0 + 999); // changed, but within the second
    await reporter.report(2, T0 + 1000); // changed: written
    await reporter.report(2, T0 + 5999); // unchanged
    await reporter.report(2, T0 + 6000); // 5 s since the last write: written again
    await reporter.report(null, T0 + 7000); // the reps left
    expect(written).toEqual([
      { dialLevel: 1, at: T0 },
      { dialLevel: 2, at: T0 + 1000 },
      { dialLevel: 2, at: T0 + 6000 },
      { dialLevel: null, at: T0 + 7000 },
    ]);
  });
});
