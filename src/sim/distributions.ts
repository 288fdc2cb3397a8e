import type { Random } from '../lib/seeded-random.js';

// Held locally: jest runs modules in a vm context where each lookup of a global such as `Math`
// is slow, and these run a few times per simulated caller.
const { cos, exp, log, sqrt, PI } = Math;

/**
 * How long something takes (a service, a caller's patience), in seconds. Plain data, so a
 * scenario can be written down as JSON. Lognormal is given by its mean and coefficient of
 * variation (standard deviation ÷ mean) because those are what call-center data reports.
 */
export type Distribution =
  | { readonly kind: 'exponential'; readonly mean: number }
  | { readonly kind: 'lognormal'; readonly mean: number; readonly cv: number };

/** An exponential draw by inversion. */
export function sampleExponential(mean: number, random: Random): number {
  // random() is in [0, 1): 1 − u is in (0, 1], so the logarithm stays finite.
  return -mean * log(1 - random());
}

/** A lognormal draw with the given mean and coefficient of variation. */
export function sampleLognormal(mean: number, cv: number, random: Random): number {
  // If X = exp(μ + σZ): E[X] = exp(μ + σ²/2) and CV² = exp(σ²) − 1; solve for μ and σ.
  const sigmaSquared = log(1 + cv * cv);
  const mu = log(mean) - sigmaSquared / 2;
  return exp(mu + sqrt(sigmaSquared) * sampleStandardNormal(random));
}

/**
 * Box–Muller. Only one of the pair is used: keeping no spare between calls means a draw depends
 * only on the two numbers it takes, which keeps streams easy to reason about.
 */
export function sampleStandardNormal(random: Random): number {
  const u = 1 - random(); // (0, 1]: log(u) is finite
  const v = random();
  return sqrt(-2 * log(u)) * cos(2 * PI * v);
}

export function sample(dist: Distribution, random: Random): number {
  switch (dist.kind) {
    case 'exponential':
      return sampleExponential(dist.mean, random);
    case 'lognormal':
      return sampleLognormal(dist.mean, dist.cv, random);
  }
}

export function meanOf(dist: Distribution): number {
  return dist.mean;
}

/** Problems with a distribution's parameters, for config validation (empty = fine). */
export function distributionProblems(dist: Distribution, label: string): string[] {
  const problems: string[] = [];
  if (!(dist.mean > 0 && Number.isFinite(dist.mean))) {
    problems.push(`${label}: mean must be a positive number`);
  }
  if (dist.kind === 'lognormal' && !(dist.cv >= 0 && Number.isFinite(dist.cv))) {
    problems.push(`${label}: cv must be a number ≥ 0`);
  }
  return problems;
}
