import { erlangC } from '../../src/sim/erlang.js';

/** Erlang C straight from its definition, in logs so s = 100 does not overflow. */
function erlangCByDefinition(lambda: number, mu: number, s: number): number {
  const a = lambda / mu;
  const logTerm = (k: number): number => {
    let logFactorial = 0;
    for (let i = 2; i <= k; i++) logFactorial += Math.log(i);
    return k * Math.log(a) - logFactorial;
  };
  const logLast = logTerm(s) + Math.log(s / (s - a));
  let sum = 0;
  for (let k = 0; k < s; k++) sum += Math.exp(logTerm(k) - logLast);
  return 1 / (sum + 1);
}

describe('Erlang C', () => {
  it('matches a worked example: λ = 2, μ = 1, 3 agents', () => {
    // a = 2: B(3, 2) = (8/6) / (1 + 2 + 2 + 8/6) = 4/19; C = 3B / (3 − 2(1 − B)) = 4/9.
    const result = erlangC(2, 1, 3);

    expect(result.probabilityOfWaiting).toBeCloseTo(4 / 9, 12);
    expect(result.meanWait).toBeCloseTo(4 / 9, 12); // C / (3·1 − 2)
    expect(result.meanWaitOfWaiters).toBeCloseTo(1, 12);
  });

  it('reduces to M/M/1 for one agent', () => {
    const result = erlangC(0.5, 1, 1);

    expect(result.probabilityOfWaiting).toBeCloseTo(0.5, 12);
    expect(result.meanWait).toBeCloseTo(0.5 / (1 - 0.5), 12); // ρ / (μ − λ)
  });

  it.each([
    [100, 0.95],
    [100, 0.98],
    [300, 0.9],
  ])('agrees with the definition for %p agents at load %p', (s, load) => {
    const mu = 1 / 180;
    const lambda = load * s * mu;
    const result = erlangC(lambda, mu, s);

    expect(result.probabilityOfWaiting).toBeCloseTo(erlangCByDefinition(lambda, mu, s), 10);
    expect(result.meanWait).toBeCloseTo(result.probabilityOfWaiting / (s * mu - lambda), 10);
    expect(Number.isFinite(result.meanWait)).toBe(true);
  });

  it('says everyone waits forever at load 1 or more', () => {
    expect(erlangC(10, 1, 10)).toEqual({
      probabilityOfWaiting: 1,
      meanWait: Infinity,
      meanWaitOfWaiters: Infinity,
    });
  });

  it('refuses nonsense', () => {
    expect(() => erlangC(1, 0, 3)).toThrow(RangeError);
    expect(() => erlangC(1, 1, 0)).toThrow(RangeError);
    expect(() => erlangC(1, 1, 2.5)).toThrow(RangeError);
  });
});
