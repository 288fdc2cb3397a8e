import { createSeededRandom } from '../../src/lib/seeded-random.js';
import {
  type ArrivalProcess,
  arrivalProblems,
  createArrivalGenerator,
  meanRateOf,
} from '../../src/sim/arrivals.js';

/** Arrival times in [0, horizon), in seconds. */
function arrivalsUntil(process: ArrivalProcess, seed: number, horizon: number): number[] {
  const generator = createArrivalGenerator(process, createSeededRandom(seed));
  const times: number[] = [];
  for (let t = generator.next(); t < horizon; t = generator.next()) times.push(t);
  return times;
}

const increasing = (times: number[]): boolean =>
  times.every((t, i) => i === 0 || t > times[i - 1]!);

describe('Poisson arrivals', () => {
  const poisson: ArrivalProcess = { kind: 'poisson', ratePerSecond: 0.5 };

  it('arrive at their rate, one after another', () => {
    const times = arrivalsUntil(poisson, 1, 1_000_000);

    // Expected 500 000, standard deviation √500 000 ≈ 707 (0.14 %).
    expect(Math.abs(times.length / 500_000 - 1)).toBeLessThan(0.01);
    expect(increasing(times)).toBe(true);
    expect(createArrivalGenerator(poisson, createSeededRandom(1)).rateAt(123)).toBe(0.5);
  });

  it('never arrive at rate 0', () => {
    const generator = createArrivalGenerator(
      { kind: 'poisson', ratePerSecond: 0 },
      createSeededRandom(1),
    );
    expect(generator.next()).toBe(Infinity);
  });
});

describe('sinusoidal arrivals', () => {
  const period = 3600;
  const sinusoidal: ArrivalProcess = {
    kind: 'sinusoidal',
    meanRatePerSecond: 1,
    amplitude: 0.5,
    periodSeconds: period,
  };

  it('follow λ(t) = mean · (1 + amplitude · sin(2πt / period))', () => {
    const generator = createArrivalGenerator(sinusoidal, createSeededRandom(1));

    expect(generator.rateAt(0)).toBeCloseTo(1, 12);
    expect(generator.rateAt(period / 4)).toBeCloseTo(1.5, 12);
    expect(generator.rateAt((3 * period) / 4)).toBeCloseTo(0.5, 12);
    expect(meanRateOf(sinusoidal)).toBe(1);
  });

  it('arrive at the mean rate overall and more often in the high half of each period', () => {
    const horizon = 200 * period;
    const times = arrivalsUntil(sinusoidal, 2, horizon);
    const inHighHalf = times.filter((t) => t % period < period / 2).length;

    expect(Math.abs(times.length / horizon - 1)).toBeLessThan(0.01);
    expect(increasing(times)).toBe(true);
    // ∫ over the high half = mean · (P/2 + a·P/π): a share of (1 + 2a/π) / 2 ≈ 0.659.
    expect(Math.abs(inHighHalf / times.length - (1 + 1 / Math.PI) / 2)).toBeLessThan(0.005);
  });

  it('shift by the phase', () => {
    const shifted = createArrivalGenerator(
      { ...sinusoidal, phaseSeconds: period / 4 },
      createSeededRandom(1),
    );
    expect(shifted.rateAt(0)).toBeCloseTo(1.5, 12);
  });
});

describe('bursty arrivals', () => {
  const bursty: ArrivalProcess = {
    kind: 'bursty',
    normalRatePerSecond: 0.5,
    burstRatePerSecond: 3,
    meanNormalSeconds: 600,
    meanBurstSeconds: 120,
  };
  const horizon = 2_000_000;

  it('have the time-weighted mean of their two rates in the long run', () => {
    expect(meanRateOf(bursty)).toBeCloseTo((0.5 * 600 + 3 * 120) / 720, 12);
    const times = arrivalsUntil(bursty, 3, horizon);

    // About 2 800 normal/burst cycles: the count varies more than Poisson's; allow 3 %.
    expect(Math.abs(times.length / horizon / meanRateOf(bursty) - 1)).toBeLessThan(0.03);
    expect(increasing(times)).toBe(true);
  });

  it('arrive at the rate that rateAt reports for the state they are in', () => {
    const generator = createArrivalGenerator(bursty, createSeededRandom(4));
    const times: number[] = [];
    for (let t = generator.next(); t < horizon; t = generator.next()) times.push(t);
    let burstSeconds = 0; // time in the burst state, on a 1 s grid
    for (let t = 0.5; t < horizon; t++) if (generator.rateAt(t) === 3) burstSeconds++;
    const inBurst = times.filter((t) => generator.rateAt(t) === 3).length;
    const inNormal = times.length - inBurst;

    expect(Math.abs(burstSeconds / horizon - 120 / 720)).toBeLessThan(0.01);
    expect(Math.abs(inBurst / burstSeconds / 3 - 1)).toBeLessThan(0.03);
    expect(Math.abs(inNormal / (horizon - burstSeconds) / 0.5 - 1)).toBeLessThan(0.03);
  });

  it('give the same arrivals whether or not their rate is asked for in between', () => {
    const plain = arrivalsUntil(bursty, 5, 50_000);
    const generator = createArrivalGenerator(bursty, createSeededRandom(5));
    const asked: number[] = [];
    for (let t = generator.next(); t < 50_000; t = generator.next()) {
      generator.rateAt(t + 5_000); // looks ahead of the arrivals: draws more of the state path
      asked.push(t);
    }

    expect(asked).toEqual(plain);
  });
});

describe('arrival process validation', () => {
  it('names every bad parameter', () => {
    expect(
      arrivalProblems(
        { kind: 'sinusoidal', meanRatePerSecond: -1, amplitude: 2, periodSeconds: 0 },
        'classes[0].arrivals',
      ),
    ).toEqual([
      'classes[0].arrivals: meanRatePerSecond must be ≥ 0',
      'classes[0].arrivals: periodSeconds must be > 0',
      'classes[0].arrivals: amplitude must be in [0, 1]',
    ]);
    expect(arrivalProblems({ kind: 'poisson', ratePerSecond: 0.2 }, 'x')).toEqual([]);
  });
});
