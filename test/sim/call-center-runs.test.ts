import { createCallCenter } from '../../src/sim/call-center.js';
import type { CallCenterConfig } from '../../src/sim/call-center-config.js';
import type { Predictor } from '../../src/sim/prediction.js';
import { recordActivity } from './call-center-support.js';

const START = Date.parse('2026-11-23T09:00:00Z');

// Every kind of arrival process and patience, and predictors that read stats and truth.
const config: CallCenterConfig = {
  classes: [
    {
      queue: 'premium',
      arrivals: {
        kind: 'bursty',
        normalRatePerSecond: 0.01,
        burstRatePerSecond: 0.05,
        meanNormalSeconds: 900,
        meanBurstSeconds: 300,
      },
      patience: { kind: 'lognormal', mean: 400, cv: 1 },
    },
    {
      queue: 'customers',
      arrivals: {
        kind: 'sinusoidal',
        meanRatePerSecond: 0.03,
        amplitude: 0.4,
        periodSeconds: 7200,
      },
      patience: { kind: 'exponential', mean: 300 },
    },
  ],
  service: { kind: 'lognormal', mean: 200, cv: 0.7 },
  staffing: [
    { fromSeconds: 0, agents: 9 },
    { fromSeconds: 5400, agents: 7 },
  ],
  durationSeconds: 3 * 3600,
  warmUpSeconds: 600,
  seed: 42,
  statsStalenessSeconds: 15,
  startAt: START,
};

const predictors: Record<string, Predictor> = {
  position: ({ position }) => position * 20,
  stats: ({ stats, queue }) => stats?.queues.find((q) => q.name === queue)?.averageWaitSeconds,
  oracle: ({ truth }) => truth.agents * truth.serviceRatePerAgent,
};

function runWith(seed: number) {
  const log = recordActivity();
  const result = createCallCenter({ ...config, seed }).run({
    listeners: [log.listener],
    predictors,
  });
  return { result, calls: log.calls };
}

describe('a call-center run', () => {
  it('repeats exactly for the same seed', () => {
    const first = runWith(42);
    const second = runWith(42);

    expect(first.result.callers.length).toBeGreaterThan(100);
    expect(second).toEqual(first);
  });

  it('differs for another seed', () => {
    const first = runWith(42);
    const other = runWith(43);

    expect(other.result.callers.map((c) => c.arrivalAt)).not.toEqual(
      first.result.callers.map((c) => c.arrivalAt),
    );
  });

  it('reports only callers who arrived after the warm-up, in arrival order', () => {
    const { result } = runWith(42);
    const arrivals = result.callers.map((c) => c.arrivalAt);

    expect(Math.min(...arrivals)).toBeGreaterThanOrEqual(START + 600_000);
    expect(arrivals).toEqual([...arrivals].sort((a, b) => a - b));
    expect(result.callers[0]!.predictions).toEqual({
      position: result.callers[0]!.position * 20,
      stats: expect.any(Number) as unknown,
      oracle: 9 / 200,
    });
  });

  it('keeps its virtual clock at the time of the event being handled', () => {
    const center = createCallCenter(config);
    const mismatches: number[] = [];
    const check = (at: number) => {
      if (center.now() !== at) mismatches.push(at);
    };

    expect(center.now()).toBe(START);
    center.run({
      listeners: [{ callerEntered: (e) => check(e.at), callerLeft: (e) => check(e.at) }],
    });
    expect(mismatches).toEqual([]);
    expect(center.now()).toBeGreaterThan(START + 3 * 3600 * 1000);
  });

  it('runs once', () => {
    const center = createCallCenter(config);
    center.run();
    expect(() => center.run()).toThrow('a call center runs once');
  });

  it('lists every problem of a bad config at once', () => {
    const bad: CallCenterConfig = {
      ...config,
      classes: [config.classes[0]!, config.classes[0]!],
      service: { kind: 'exponential', mean: -1 },
      staffing: [{ fromSeconds: 10, agents: 1.5 }],
      warmUpSeconds: 99_999,
    };

    expect(() => createCallCenter(bad)).toThrow(
      [
        'invalid call-center config:',
        '- classes: each queue may appear only once',
        '- service: mean must be a positive number',
        '- staffing: the schedule must start at fromSeconds 0',
        '- staffing[0]: agents must be an integer ≥ 0',
        '- warmUpSeconds must be in [0, durationSeconds)',
      ].join('\n'),
    );
  });
});
