import { type Random, createSeededRandom } from '../lib/seeded-random.js';
import { sampleExponential } from './distributions.js';

/**
 * How callers of one class arrive. Plain data, so a scenario can be written down as JSON.
 * - `poisson`: a constant rate.
 * - `sinusoidal`: λ(t) = mean · (1 + amplitude · sin(2π (t + phase) / period)), a daily swell
 *   compressed into a run; amplitude is a fraction in [0, 1].
 * - `bursty`: a two-state Markov-modulated Poisson process. It alternates between a normal and
 *   a burst rate; the time spent in each state is exponential with the given mean.
 */
export type ArrivalProcess =
  | { readonly kind: 'poisson'; readonly ratePerSecond: number }
  | {
      readonly kind: 'sinusoidal';
      readonly meanRatePerSecond: number;
      readonly amplitude: number;
      readonly periodSeconds: number;
      readonly phaseSeconds?: number;
    }
  | {
      readonly kind: 'bursty';
      readonly normalRatePerSecond: number;
      readonly burstRatePerSecond: number;
      readonly meanNormalSeconds: number;
      readonly meanBurstSeconds: number;
    };

/** The arrivals of one class, in seconds from the start of the run. */
export interface ArrivalGenerator {
  /** The next arrival time: increasing from call to call; Infinity when the rate is zero. */
  next(): number;
  /** The true arrival rate at an instant (per second). */
  rateAt(seconds: number): number;
}

export function createArrivalGenerator(process: ArrivalProcess, random: Random): ArrivalGenerator {
  switch (process.kind) {
    case 'poisson':
      return createPoisson(process.ratePerSecond, random);
    case 'sinusoidal':
      return createThinned(process, random);
    case 'bursty':
      return createBursty(process, random);
  }
}

/** The long-run mean rate (per second): what a scenario's load is computed from. */
export function meanRateOf(process: ArrivalProcess): number {
  switch (process.kind) {
    case 'poisson':
      return process.ratePerSecond;
    case 'sinusoidal':
      return process.meanRatePerSecond;
    case 'bursty': {
      const { normalRatePerSecond, burstRatePerSecond, meanNormalSeconds, meanBurstSeconds } =
        process;
      const weighted =
        normalRatePerSecond * meanNormalSeconds + burstRatePerSecond * meanBurstSeconds;
      return weighted / (meanNormalSeconds + meanBurstSeconds);
    }
  }
}

/** Problems with an arrival process's parameters, for config validation (empty = fine). */
export function arrivalProblems(process: ArrivalProcess, label: string): string[] {
  const rates: [string, number][] = [];
  const positive: [string, number][] = [];
  if (process.kind === 'poisson') rates.push(['ratePerSecond', process.ratePerSecond]);
  if (process.kind === 'sinusoidal') {
    rates.push(['meanRatePerSecond', process.meanRatePerSecond]);
    positive.push(['periodSeconds', process.periodSeconds]);
  }
  if (process.kind === 'bursty') {
    rates.push(['normalRatePerSecond', process.normalRatePerSecond]);
    rates.push(['burstRatePerSecond', process.burstRatePerSecond]);
    positive.push(['meanNormalSeconds', process.meanNormalSeconds]);
    positive.push(['meanBurstSeconds', process.meanBurstSeconds]);
  }
  const problems = [
    ...rates.filter(([, v]) => !(v >= 0 && Number.isFinite(v))).map(([k]) => `${k} must be ≥ 0`),
    ...positive.filter(([, v]) => !(v > 0 && Number.isFinite(v))).map(([k]) => `${k} must be > 0`),
  ];
  if (process.kind === 'sinusoidal' && !(process.amplitude >= 0 && process.amplitude <= 1)) {
    problems.push('amplitude must be in [0, 1]');
  }
  return problems.map((problem) => `${label}: ${problem}`);
}

function createPoisson(rate: number, random: Random): ArrivalGenerator {
  let last = 0;
  return {
    next() {
      last = rate > 0 ? last + sampleExponential(1 / rate, random) : Infinity;
      return last;
    },
    rateAt: () => rate,
  };
}

/**
 * Lewis–Shedler thinning: candidates at the peak rate, each kept with probability λ(t)/peak.
 * Exact for any bounded λ(t), and needs no integral of it.
 */
function createThinned(
  process: Extract<ArrivalProcess, { kind: 'sinusoidal' }>,
  random: Random,
): ArrivalGenerator {
  const { meanRatePerSecond: mean, amplitude, periodSeconds, phaseSeconds = 0 } = process;
  const rateAt = (t: number): number =>
    mean * (1 + amplitude * Math.sin((2 * Math.PI * (t + phaseSeconds)) / periodSeconds));
  const peak = mean * (1 + amplitude);
  let last = 0;
  return {
    next() {
      if (peak <= 0) return (last = Infinity);
      do last += sampleExponential(1 / peak, random);
      while (random() * peak >= rateAt(last));
      return last;
    },
    rateAt,
  };
}

/**
 * The state path (normal ↔ burst) is drawn from its own stream, separate from the arrival
 * draws: asking for the rate at some instant (predictors' ground truth) then never changes
 * which arrivals a seed produces.
 */
function createBursty(
  process: Extract<ArrivalProcess, { kind: 'bursty' }>,
  random: Random,
): ArrivalGenerator {
  const rates = [process.normalRatePerSecond, process.burstRatePerSecond] as const;
  const sojourns = [process.meanNormalSeconds, process.meanBurstSeconds] as const;
  const pathRandom = createSeededRandom(Math.floor(random() * 2 ** 32));
  // Start in the stationary distribution, so a run has no transient from its first state.
  const burstShare =
    process.meanBurstSeconds / (process.meanNormalSeconds + process.meanBurstSeconds);
  const initial: 0 | 1 = pathRandom() < burstShare ? 1 : 0;
  const switches: number[] = []; // the state flips at each of these times, ascending
  let pathEnd = 0; // the path is drawn up to the last switch

  /** Draws the path until it holds a switch later than t; returns how many are ≤ t. */
  function switchesUpTo(t: number): number {
    while (pathEnd <= t) {
      const state = (initial + switches.length) % 2;
      pathEnd += sampleExponential(sojourns[state] as number, pathRandom);
      switches.push(pathEnd);
    }
    let lo = 0;
    let hi = switches.length; // binary search: first switch > t
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((switches[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  const stateAt = (t: number): number => (initial + switchesUpTo(t)) % 2;

  let last = 0;
  return {
    next() {
      if (meanRateOf(process) <= 0) return (last = Infinity);
      let t = last;
      for (;;) {
        const passed = switchesUpTo(t);
        const rate = rates[(initial + passed) % 2] as number;
        const end = switches[passed] as number;
        // Memoryless: restarting the clock at a switch gives the same process.
        const candidate = rate > 0 ? t + sampleExponential(1 / rate, random) : Infinity;
        if (candidate < end) return (last = candidate);
        t = end;
      }
    },
    rateAt: (t) => rates[stateAt(t)] as number,
  };
}
