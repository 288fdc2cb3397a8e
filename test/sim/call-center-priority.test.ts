import { createCallCenter } from '../../src/sim/call-center.js';
import type { CallCenterConfig } from '../../src/sim/call-center-config.js';
import type { QueueActivityListener } from '../../src/wait-time/queue-activity.js';

// 10 agents, 3-minute calls, total load 0.95: premium brings a third of it.
const config: CallCenterConfig = {
  classes: [
    {
      queue: 'premium',
      arrivals: { kind: 'poisson', ratePerSecond: 3 / 180 },
      patience: 'infinite',
    },
    {
      queue: 'customers',
      arrivals: { kind: 'poisson', ratePerSecond: 6.5 / 180 },
      patience: { kind: 'exponential', mean: 600 },
    },
  ],
  service: { kind: 'exponential', mean: 180 },
  staffing: 10,
  durationSeconds: 20 * 3600,
  seed: 21,
};

describe('priority between queues', () => {
  it('never hands an agent a regular caller while a premium caller waits', () => {
    const waiting = { premium: new Set<string>(), customers: new Set<string>() };
    let regularServed = 0;
    let regularServedPastPremium = 0;
    let premiumWaitedAtAll = 0;
    const listener: QueueActivityListener = {
      callerEntered: ({ queue, callSid }) => waiting[queue as keyof typeof waiting].add(callSid!),
      callerLeft: ({ queue, outcome, callSid }) => {
        waiting[queue as keyof typeof waiting].delete(callSid!);
        if (queue !== 'customers' || outcome !== 'served') return;
        regularServed++;
        if (waiting.premium.size > 0) regularServedPastPremium++;
      },
    };
    const premiumWaits: QueueActivityListener = {
      callerEntered: () => undefined,
      callerLeft: (e) => {
        if (e.queue === 'premium' && e.waitSeconds > 0) premiumWaitedAtAll++;
      },
    };

    createCallCenter(config).run({ listeners: [listener, premiumWaits] });

    expect(regularServed).toBeGreaterThan(1000);
    expect(premiumWaitedAtAll).toBeGreaterThan(100); // premium callers did queue up
    expect(regularServedPastPremium).toBe(0);
  });

  it('gives the premium queue the shorter mean wait', () => {
    const [premium, customers] = createCallCenter(config).run().queues;

    expect(premium!.meanTrueWaitSeconds!).toBeGreaterThan(0);
    expect(premium!.meanTrueWaitSeconds!).toBeLessThan(customers!.meanTrueWaitSeconds! / 2);
    expect(premium!.abandoned).toBe(0);
    expect(customers!.abandoned).toBeGreaterThan(0);
  });
});
