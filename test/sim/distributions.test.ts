import { createSeededRandom } from '../../src/lib/seeded-random.js';
import {
  type Distribution,
  distributionProblems,
  meanOf,
  sample,
} from '../../src/sim/distributions.js';

const N = 200_000;

function moments(dist: Distribution, seed: number): { mean: number; cv: number; min: number } {
  const random = createSeededRandom(seed);
  let sum = 0;
  let sumSquares = 0;
  let min = Infinity;
  for (let i = 0; i < N; i++) {
    const x = sample(dist, random);
    sum += x;
    sumSquares += x * x;
    min = Math.min(min, x);
  }
  const mean = sum / N;
  return { mean, cv: Math.sqrt(sumSquares / N - mean * mean) / mean, min };
}

describe('distributions', () => {
  it('gives the mean it was described with', () => {
    expect(meanOf({ kind: 'exponential', mean: 180 })).toBe(180);
    expect(meanOf({ kind: 'lognormal', mean: 240, cv: 0.8 })).toBe(240);
  });

  // With n = 200 000 the standard error of the mean is cv/√n ≈ 0.22 % of it at cv = 1.
  it('samples an exponential with its mean and a coefficient of variation of 1', () => {
    const { mean, cv, min } = moments({ kind: 'exponential', mean: 180 }, 1);

    expect(Math.abs(mean / 180 - 1)).toBeLessThan(0.01);
    expect(Math.abs(cv - 1)).toBeLessThan(0.02);
    expect(min).toBeGreaterThanOrEqual(0);
  });

  it.each([0.5, 1, 1.5])('samples a lognormal with its mean and cv %p', (targetCv) => {
    const { mean, cv, min } = moments({ kind: 'lognormal', mean: 240, cv: targetCv }, 2);

    expect(Math.abs(mean / 240 - 1)).toBeLessThan(0.02);
    // The sample cv of a heavy tail converges slowly: allow more at cv 1.5.
    expect(Math.abs(cv / targetCv - 1)).toBeLessThan(targetCv > 1 ? 0.1 : 0.03);
    expect(min).toBeGreaterThan(0);
  });

  it('samples a lognormal with cv 0 as its mean every time', () => {
    const random = createSeededRandom(3);
    const draws = Array.from({ length: 5 }, () =>
      sample({ kind: 'lognormal', mean: 100, cv: 0 }, random),
    );

    for (const x of draws) expect(x).toBeCloseTo(100, 9);
  });

  it('repeats its draws for the same seed', () => {
    const draw = (seed: number) => {
      const random = createSeededRandom(seed);
      return [1, 2, 3].map(() => sample({ kind: 'lognormal', mean: 60, cv: 1 }, random));
    };

    expect(draw(9)).toEqual(draw(9));
    expect(draw(9)).not.toEqual(draw(10));
  });

  it('names bad parameters', () => {
    expect(distributionProblems({ kind: 'exponential', mean: 0 }, 'service')).toEqual([
      'service: mean must be a positive number',
    ]);
    expect(distributionProblems({ kind: 'lognormal', mean: 5, cv: -1 }, 'patience')).toEqual([
      'patience: cv must be a number ≥ 0',
    ]);
    expect(distributionProblems({ kind: 'lognormal', mean: 5, cv: 1 }, 'x')).toEqual([]);
  });
});
