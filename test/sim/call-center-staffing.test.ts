import { createCallCenter } from '../../src/sim/call-center.js';
import type { CallCenterConfig } from '../../src/sim/call-center-config.js';
import type { StatsSnapshot } from '../../src/stats/queue-stats.js';
import { recordActivity } from './call-center-support.js';

const HOUR = 3600;
const HOUR_MS = HOUR * 1000;

// 20 agents at load 0.8; from 2 h to 4 h only 10 of them (load 1.6), then 20 again.
const config: CallCenterConfig = {
  classes: [
    {
      queue: 'customers',
      arrivals: { kind: 'poisson', ratePerSecond: 16 / 60 },
      patience: 'infinite',
    },
  ],
  service: { kind: 'exponential', mean: 60 },
  staffing: [
    { fromSeconds: 0, agents: 20 },
    { fromSeconds: 2 * HOUR, agents: 10 },
    { fromSeconds: 4 * HOUR, agents: 20 },
  ],
  durationSeconds: 6 * HOUR,
  seed: 8,
};

interface Seen {
  readonly now: number;
  readonly agents: number;
  readonly waiting: number;
  readonly stats: StatsSnapshot | undefined;
}

function observe(): Seen[] {
  const seen: Seen[] = [];
  createCallCenter(config).run({
    predictors: {
      watch: ({ now, truth, stats }) => {
        seen.push({ now, agents: truth.agents, waiting: truth.waitingByQueue.customers!, stats });
        return undefined;
      },
    },
  });
  return seen;
}

describe('a staffing schedule', () => {
  const seen = observe();
  const during = (fromHour: number, toHour: number) =>
    seen.filter((s) => s.now >= fromHour * HOUR_MS && s.now < toHour * HOUR_MS);
  const meanWaiting = (list: Seen[]) => list.reduce((sum, s) => sum + s.waiting, 0) / list.length;

  it('tells predictors the agents it calls for at each moment', () => {
    expect(new Set(during(0, 2).map((s) => s.agents))).toEqual(new Set([20]));
    expect(new Set(during(2, 4).map((s) => s.agents))).toEqual(new Set([10]));
    expect(new Set(during(4, 6).map((s) => s.agents))).toEqual(new Set([20]));
  });

  it('lets the queue grow while fewer agents are on shift', () => {
    const before = meanWaiting(during(1, 2));
    const lastHalfHour = meanWaiting(during(3.5, 4));

    expect(before).toBeLessThan(10);
    // 16 callers a minute against 10 served: the line grows by about 6 a minute.
    expect(lastHalfHour).toBeGreaterThan(500);
    expect(meanWaiting(during(3.5, 4))).toBeGreaterThan(meanWaiting(during(2.5, 3)));
  });

  it('shows the agents on shift in the stats: all 20, then 10 once the leavers finished', () => {
    const eligible = (fromHour: number, toHour: number) =>
      new Set(
        during(fromHour, toHour)
          .map((s) => s.stats?.queues[0])
          .filter((q) => q !== undefined && q.fetchedAt >= fromHour * HOUR_MS)
          .map((q) => q!.eligibleWorkers),
      );

    expect(eligible(0, 2)).toEqual(new Set([20]));
    // Busy agents finish their call first (60 s on average): half an hour later all are gone.
    expect(eligible(2.5, 4)).toEqual(new Set([10]));
    expect(eligible(4.5, 6)).toEqual(new Set([20]));
  });

  it('leaves callers no agent ever reaches unresolved when the agents go home', () => {
    const log = recordActivity();
    const result = createCallCenter({
      ...config,
      staffing: [
        { fromSeconds: 0, agents: 20 },
        { fromSeconds: 5 * HOUR, agents: 0 },
      ],
    }).run({ listeners: [log.listener] });
    const [summary] = result.queues;
    const neverTaken = [...log.entered.keys()].filter((sid) => !log.left.has(sid));

    // Everyone arriving in the last hour (≈ 960), plus whoever still waited at 5 h.
    expect(neverTaken.length).toBeGreaterThan(900);
    expect(summary!.unresolved).toBe(neverTaken.length);
    expect(summary!.served + summary!.unresolved).toBe(summary!.arrived);
    expect(result.callers.some((c) => neverTaken.includes(c.id))).toBe(false);
  });
});
