import type { CallCenterConfig, CallerClass } from '../../src/sim/call-center-config.js';
import type { Distribution } from '../../src/sim/distributions.js';

/** A benchmark scenario: a call center, and the queues whose callers are scored. */
export interface Scenario {
  readonly name: string;
  readonly describe: string;
  readonly config: (seed: number, length: RunLength) => CallCenterConfig;
}

export interface RunLength {
  readonly warmUpSeconds: number;
  readonly scoredSeconds: number;
}

/** Five-minute calls, exponential: a common contact-centre handle time. */
const SERVICE: Distribution = { kind: 'exponential', mean: 300 };
const patience = (mean: number): Distribution => ({ kind: 'exponential', mean });

/** One queue at `load` (arrival rate ÷ capacity) with `agents` agents. */
function single(
  agents: number,
  load: number,
  callerPatience: CallerClass['patience'],
  extra: Partial<CallCenterConfig> = {},
) {
  return (seed: number, length: RunLength): CallCenterConfig => ({
    classes: [
      {
        queue: 'customers',
        arrivals: { kind: 'poisson', ratePerSecond: (load * agents) / SERVICE.mean },
        patience: callerPatience,
      },
    ],
    service: SERVICE,
    staffing: agents,
    durationSeconds: length.warmUpSeconds + length.scoredSeconds,
    warmUpSeconds: length.warmUpSeconds,
    seed,
    ...extra,
  });
}

/** Load 0.95 over `agents`, 30% of callers premium and served first, patience mean 10 min. */
function twoClasses(agents: number) {
  return (seed: number, length: RunLength): CallCenterConfig => {
    const total = (0.95 * agents) / SERVICE.mean;
    const caller = (queue: string, share: number): CallerClass => ({
      queue,
      arrivals: { kind: 'poisson', ratePerSecond: share * total },
      patience: patience(600),
    });
    return {
      ...single(agents, 0.95, patience(600))(seed, length),
      classes: [caller('premium-customers', 0.3), caller('customers', 0.7)],
    };
  };
}

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'load-0.95',
    describe: '100 agents, load 0.95, callers never hang up',
    config: single(100, 0.95, 'infinite'),
  },
  {
    name: 'load-0.98',
    describe: '100 agents, load 0.98, callers never hang up',
    config: single(100, 0.98, 'infinite'),
  },
  {
    name: 'overload-1.2',
    describe: '100 agents, load 1.2, patience exponential with mean 10 min',
    config: single(100, 1.2, patience(600)),
  },
  {
    name: 'sinusoidal',
    describe: '100 agents, load 0.95 ± 20% over a 2-hour cycle, patience mean 15 min',
    config: (seed, length) => ({
      ...single(100, 0.95, patience(900))(seed, length),
      classes: [
        {
          queue: 'customers',
          arrivals: {
            kind: 'sinusoidal',
            meanRatePerSecond: (0.95 * 100) / SERVICE.mean,
            amplitude: 0.2,
            periodSeconds: 7200,
          },
          patience: patience(900),
        },
      ],
    }),
  },
  {
    name: 'two-classes',
    describe: '100 agents, load 0.95, 30% premium served first, patience mean 10 min',
    config: twoClasses(100),
  },
  {
    name: 'small-centre',
    describe: '10 agents, load 0.9, patience mean 10 min',
    config: single(10, 0.9, patience(600)),
  },
  {
    name: 'staffing-changes',
    describe:
      '100 agents at load 0.9, 85 of them every other hour (load 1.06), patience mean 10 min',
    config: (seed, length) => {
      const total = length.warmUpSeconds + length.scoredSeconds;
      const shifts = [];
      for (let from = 0, i = 0; from < total; from += 3600, i += 1) {
        shifts.push({ fromSeconds: from, agents: i % 2 === 0 ? 100 : 85 });
      }
      return { ...single(100, 0.9, patience(600))(seed, length), staffing: shifts };
    },
  },
  ...[0, 15, 30].map((staleness): Scenario => ({
    name: `stale-${staleness}s`,
    describe: `100 agents, load 0.95, patience mean 15 min, stats ${staleness} s stale`,
    config: single(100, 0.95, patience(900), { statsStalenessSeconds: staleness }),
  })),
];

/**
 * Played to the real app over HTTP with Twilio's timing (over-http.ts): smaller centres, since
 * every simulated caller is half a dozen signed requests.
 */
export const HTTP_SCENARIOS: readonly Scenario[] = [
  {
    name: 'load-0.95',
    describe: '20 agents, load 0.95, callers never hang up',
    config: single(20, 0.95, 'infinite'),
  },
  {
    name: 'two-classes',
    describe: '20 agents, load 0.95, 30% premium served first, patience mean 10 min',
    config: twoClasses(20),
  },
];
