import type { CallbackPolicy } from '../../src/sim/callback-center-config.js';
import { createCallbackCenter } from '../../src/sim/callback-center.js';
import type { CallbackCenterResult } from '../../src/sim/callback-center-result.js';
import type { Predictor } from '../../src/sim/prediction.js';

/** Two agents at load 1.1, no abandonment: a line that stays long, so callbacks pile up. */
function run(
  policy: Partial<CallbackPolicy>,
  predictors: Record<string, Predictor> = {},
): CallbackCenterResult {
  const center = createCallbackCenter({
    queue: 'customers',
    arrivals: { kind: 'poisson', ratePerSecond: (1.1 * 2) / 300 },
    patience: 'infinite',
    service: { kind: 'exponential', mean: 300 },
    agents: 2,
    durationSeconds: 6 * 3600,
    seed: 11,
    callbacks: { offerSeconds: 120, takeShare: 0.3, ...policy },
  });
  // Every announcing turn is above the threshold: every caller who waits is offered.
  return center.run({ offerOn: () => 600, predictors });
}

const dialsOf = (result: CallbackCenterResult) => result.starts.filter((s) => s.kind === 'dial');
const takesOf = (result: CallbackCenterResult) => result.starts.filter((s) => s.kind === 'caller');

describe('the callback simulator', () => {
  it('makes the offer to every caller who waits, and 30% of them take it', () => {
    const { counts, callbacks } = run({});

    expect(counts.offered).toBe(counts.waited);
    expect(counts.tookCallback).toBe(callbacks.length);
    expect(counts.tookCallback / counts.offered).toBeGreaterThan(0.22);
    expect(counts.tookCallback / counts.offered).toBeLessThan(0.38);
  });

  it.each(['rep-held', 'when-due'] as const)(
    'never dials a callback while a caller who entered before it is still waiting (%s)',
    (dialing) => {
      const result = run({ dialing });
      const dials = dialsOf(result);
      expect(dials.length).toBeGreaterThan(20);
      for (const dial of dials) {
        const earlier = takesOf(result).filter((t) => t.enteredAt < dial.enteredAt);
        for (const take of earlier) expect(take.at).toBeLessThanOrEqual(dial.at);
      }
    },
  );

  it('as the product dials, gives an answered callee to the next free agent, before the line', () => {
    const result = run({ dialing: 'when-due', answerShare: 1 });
    const callees = result.starts.filter((s) => s.kind === 'callee');
    expect(result.callbacks.length).toBeGreaterThan(20);
    expect(callees).toHaveLength(result.callbacks.length);
    for (const callback of result.callbacks) {
      const taken = callees.find((s) => s.id === callback.id)?.at as number;
      const answered = callback.answeredAt as number;
      expect(callback.state).toBe('connected');
      expect(taken).toBeGreaterThanOrEqual(answered);
      const takesBetween = takesOf(result).filter((t) => t.at > answered && t.at < taken);
      expect(takesBetween).toEqual([]);
    }
  });

  it('dials a callback before anyone who entered after it is taken, and serves it on answer', () => {
    const result = run({ answerShare: 1 });
    expect(result.callbacks.length).toBeGreaterThan(20);
    for (const callback of result.callbacks) {
      const firstDial = callback.dials[0] as number;
      const later = takesOf(result).filter((t) => t.enteredAt > callback.enteredAt);
      for (const take of later) expect(take.at).toBeGreaterThan(firstDial);
      expect(callback.state).toBe('connected');
      expect(callback.dials).toHaveLength(1);
      const ringSeconds = ((callback.answeredAt as number) - firstDial) / 1000;
      expect(ringSeconds).toBeGreaterThanOrEqual(15);
      expect(ringSeconds).toBeLessThanOrEqual(25);
    }
  });

  it.each(['rep-held', 'when-due'] as const)(
    'retries an unanswered callback after the retry delay, then gives it up as failed (%s)',
    (dialing) => {
      const result = run({ dialing, answerShare: 0, maxAttempts: 3, retrySeconds: 300 });
      expect(result.callbacks.length).toBeGreaterThan(20);
      for (const callback of result.callbacks) {
        expect(callback.state).toBe('failed');
        expect(callback.answeredAt).toBeUndefined();
        expect(callback.dials).toHaveLength(3);
        const [first = 0, second = 0, third = 0] = callback.dials;
        // 25 s of ringing, then 300 s; later still when no agent was free at once.
        expect(second - first).toBeGreaterThanOrEqual(325_000 - 1e-6);
        expect(third - second).toBeGreaterThanOrEqual(325_000 - 1e-6);
        // As the product dials, a retry needs no free agent: it comes on time.
        if (dialing === 'when-due') expect(third - second).toBeCloseTo(325_000, 3);
      }
      expect(dialsOf(result)).toHaveLength(3 * result.callbacks.length);
    },
  );

  it('counts the callbacks holding a place in the position of every caller who arrives', () => {
    const seen: { at: number; position: number }[] = [];
    // Every caller who waits takes the callback at once: the line stays empty, so a new
    // caller's position is 1 + the callbacks waiting or being dialed.
    const result = run(
      { takeShare: 1, answerShare: 1 },
      {
        recorder: ({ now, position }) => {
          seen.push({ at: now, position });
          return undefined;
        },
      },
    );
    expect(seen.length).toBeGreaterThan(20);
    expect(seen.some((s) => s.position > 3)).toBe(true);
    for (const { at, position } of seen) {
      const holding = result.callbacks.filter(
        (c) => c.offeredAt < at && !(c.answeredAt !== undefined && c.answeredAt <= at),
      );
      expect(position).toBe(1 + holding.length);
    }
  });

  it('repeats a run exactly from its seed', () => {
    expect(run({})).toEqual(run({}));
    expect(run({ dialing: 'when-due' })).toEqual(run({ dialing: 'when-due' }));
  });
});
