import type { Pace, PaceLimiter, PaceReservation } from '../../src/twilio-rest/rate-limiter.js';

/** The paces under test, as the suites of each implementation open them. */
export interface PacesSubject {
  /** Two limiters of one pace, as two processes would hold them. */
  pair(pace: Pace): [PaceLimiter, PaceLimiter];
  /** Lets this much time pass on the limiters' clock. */
  pass(ms: number): Promise<void>;
  /** How far a slot may be from its ideal time: 0 on a test clock, the calls' own time on Redis. */
  readonly toleranceMs: number;
  /**
   * The interval between slots the contract's paces use (their rate is 1000 / intervalMs).
   * On Redis's own clock it is long against the time the calls themselves take on a loaded
   * machine, so the tolerance stays a small share of it; reserving never sleeps, so a long
   * interval costs the suite nothing.
   */
  readonly intervalMs: number;
}

let paceCount = 0;
/** A pace of its own per test, so no budget carries over: one slot every `intervalMs`. */
const pace = (intervalMs: number, burst: number): Pace => ({
  name: `contract-${process.pid}-${++paceCount}`,
  perSecond: 1000 / intervalMs,
  burst,
});

async function reserveInTurn(limiter: PaceLimiter, n: number): Promise<PaceReservation[]> {
  const slots: PaceReservation[] = [];
  for (let i = 0; i < n; i += 1) slots.push(await limiter.reserve());
  return slots;
}

/** Every slot's time after the first one's. */
const offsets = (slots: readonly PaceReservation[]) => {
  const first = slots[0]?.at ?? 0;
  return slots.map((slot) => slot.at - first);
};

/** What every Paces does (GCRA at `perSecond` with `burst`). Call inside a describe. */
export function pacesContract(open: () => PacesSubject): void {
  let subject: PacesSubject;
  beforeEach(() => {
    subject = open();
  });

  const expectNear = (actual: readonly number[], expected: readonly number[]) => {
    expect(actual).toHaveLength(expected.length);
    actual.forEach((value, i) => {
      expect(Math.abs(value - (expected[i] ?? Number.NaN))).toBeLessThanOrEqual(
        subject.toleranceMs,
      );
    });
  };

  it('grants a burst at once, then one slot every 1/rate: N take (N − burst)/rate', async () => {
    const u = subject.intervalMs;
    const [limiter] = subject.pair(pace(u, 3));

    const slots = await reserveInTurn(limiter, 8);

    expectNear(offsets(slots), [0, 0, 0, u, 2 * u, 3 * u, 4 * u, 5 * u]);
    expectNear(
      slots.slice(0, 3).map((slot) => slot.waitMs),
      [0, 0, 0],
    );
    expect(slots[7]?.waitMs).toBeGreaterThan(5 * u - subject.toleranceMs - 1);
  });

  it('does not bank idle time beyond the burst', async () => {
    const u = subject.intervalMs;
    const [limiter] = subject.pair(pace(u, 2));
    await limiter.reserve();
    await subject.pass(3 * u); // more than the burst takes to refill

    const slots = await reserveInTurn(limiter, 3);

    expectNear(
      slots.map((slot) => slot.waitMs),
      [0, 0, u],
    );
  });

  it('two holders of one pace share it: the grants in a window are the configured rate’s', async () => {
    const u = subject.intervalMs;
    const [a, b] = subject.pair(pace(u, 2));

    const slots = (
      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).reserve()))
    ).sort((x, y) => x.at - y.at);

    // 9.5 intervals is mid-interval, so no grant sits on the window's edge: burst + 9.
    const start = slots[0]?.at ?? 0;
    const inWindow = slots.filter((slot) => slot.at < start + 9.5 * u).length;
    expect(inWindow).toBe(2 + 9);
    expectNear([(slots[19]?.at ?? 0) - start], [18 * u]);
  });

  it('paces of different names do not share a budget', async () => {
    const u = subject.intervalMs;
    const [a] = subject.pair(pace(u, 2));
    const [b] = subject.pair(pace(u, 2));

    const slots = [...(await reserveInTurn(a, 2)), ...(await reserveInTurn(b, 2))];

    expectNear(
      slots.map((slot) => slot.waitMs),
      [0, 0, 0, 0],
    );
  });
}
