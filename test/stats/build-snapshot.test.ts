import { defaultQueueMetadata } from '../../src/metadata/queue-metadata.js';
import { buildSnapshot, type CycleReadings } from '../../src/stats/build-snapshot.js';
import type { StatsSnapshot } from '../../src/stats/queue-stats.js';
import type { TaskRouterFields } from '../../src/stats/taskrouter-stats.js';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const EARLIER = NOW - 15_000;
const CYCLE = { startedAt: NOW - 400, durationMs: 400, requests: 3, retries: 0, complete: true };

const trFields = (served: number): TaskRouterFields => ({
  servedInWindow: served,
  windowSeconds: 1_800,
  longestWaitSeconds: 40,
  tasksWaiting: 2,
});

function readings(overrides: Partial<CycleReadings> = {}): CycleReadings {
  return {
    taskQueues: {
      items: [
        { sid: 'WQ-premium', name: 'premium-customers' },
        { sid: 'WQ-regular', name: 'customers' },
      ],
      complete: true,
    },
    statistics: new Map([
      ['WQ-premium', trFields(60)],
      ['WQ-regular', trFields(120)],
    ]),
    statisticsErrors: new Map(),
    voiceQueues: {
      items: [
        {
          sid: 'QU-premium',
          name: 'premium-customers',
          currentSize: 3,
          averageWaitSeconds: 20,
          maxSize: 100,
        },
        {
          sid: 'QU-regular',
          name: 'customers',
          currentSize: 7,
          averageWaitSeconds: 50,
          maxSize: 100,
        },
      ],
      complete: true,
    },
    ...overrides,
  };
}

const CUSTOMERS_METADATA = { ...defaultQueueMetadata('customers'), displayName: 'Customers' };

const build = (input: { readings: CycleReadings; previous?: StatsSnapshot; now?: number }) =>
  buildSnapshot({
    previous: input.previous,
    readings: input.readings,
    metadata: new Map([['customers', CUSTOMERS_METADATA]]),
    now: input.now ?? NOW,
    refreshSeconds: 15,
    cycle: CYCLE,
  });

const byName = (snapshot: StatsSnapshot, name: string) =>
  snapshot.queues.find((q) => q.name === name);

describe('buildSnapshot', () => {
  it('joins TaskRouter and Voice by queue name, with the Voice count of waiting callers', () => {
    const snapshot = build({ readings: readings() });

    expect(snapshot.fetchedAt).toBe(NOW);
    expect(snapshot.queues.map((q) => q.name)).toEqual(['customers', 'premium-customers']);
    expect(byName(snapshot, 'customers')).toEqual({
      name: 'customers',
      taskQueueSid: 'WQ-regular',
      voiceQueueSid: 'QU-regular',
      servedInWindow: 120,
      windowSeconds: 1_800,
      longestWaitSeconds: 40,
      waitingCallers: 7,
      averageWaitSeconds: 50,
      maxSize: 100,
      fetchedAt: NOW,
      stale: false,
      metadata: CUSTOMERS_METADATA,
    });
    expect(snapshot.cycle).toEqual({ ...CYCLE, failedQueues: 0 });
  });

  it('counts TaskRouter waiting tasks as callers when the queue is not a Voice queue', () => {
    const snapshot = build({ readings: readings({ voiceQueues: { items: [], complete: true } }) });
    expect(byName(snapshot, 'customers')).toMatchObject({ waitingCallers: 2, stale: false });
    expect(byName(snapshot, 'customers')?.voiceQueueSid).toBeUndefined();
  });

  it('reads Voice queues alone when there is no TaskRouter workspace', () => {
    const snapshot = build({
      readings: readings({ taskQueues: undefined, statistics: new Map() }),
    });
    expect(byName(snapshot, 'premium-customers')).toEqual({
      name: 'premium-customers',
      voiceQueueSid: 'QU-premium',
      waitingCallers: 3,
      averageWaitSeconds: 20,
      maxSize: 100,
      fetchedAt: NOW,
      stale: false,
    });
  });

  describe('when part of a cycle fails', () => {
    const previous = build({ readings: readings(), now: EARLIER });

    it('keeps the last good TaskRouter numbers of a queue whose statistics failed, marked stale with the reason', () => {
      const snapshot = build({
        previous,
        readings: readings({
          statistics: new Map([['WQ-premium', trFields(61)]]),
          statisticsErrors: new Map([['WQ-regular', 'statistics of customers: HTTP 503']]),
          voiceQueues: {
            items: [{ sid: 'QU-regular', name: 'customers', currentSize: 9 }],
            complete: true,
          },
        }),
      });

      expect(byName(snapshot, 'customers')).toMatchObject({
        servedInWindow: 120, // the last good one
        waitingCallers: 9, // Voice answered this time
        fetchedAt: EARLIER,
        stale: true,
        lastError: 'statistics of customers: HTTP 503',
      });
      expect(byName(snapshot, 'premium-customers')).toMatchObject({
        servedInWindow: 61,
        stale: false,
      });
      expect(snapshot.cycle?.failedQueues).toBe(1);
    });

    it('does not drop queues that a cut-off listing did not reach', () => {
      const snapshot = build({
        previous,
        readings: readings({
          taskQueues: {
            items: [{ sid: 'WQ-premium', name: 'premium-customers' }],
            complete: false,
            problem: 'TaskQueues list: page 2: HTTP 429',
          },
          voiceQueues: { items: [], complete: false, problem: 'Voice queues list: timeout' },
        }),
      });

      expect(byName(snapshot, 'customers')).toMatchObject({
        taskQueueSid: 'WQ-regular',
        servedInWindow: 120,
        voiceQueueSid: 'QU-regular',
        waitingCallers: 7,
        fetchedAt: EARLIER,
        stale: true,
      });
      expect(byName(snapshot, 'customers')?.lastError).toContain('Voice queues list: timeout');
      // Reached by the TaskRouter listing, but its Voice numbers are the old ones.
      expect(byName(snapshot, 'premium-customers')).toMatchObject({
        servedInWindow: 60,
        waitingCallers: 3,
        stale: true,
      });
    });

    it('gives a queue first seen in a failing cycle what it has, marked stale', () => {
      const snapshot = build({
        readings: readings({
          statistics: new Map(),
          statisticsErrors: new Map([
            ['WQ-premium', 'statistics of premium-customers: timeout'],
            ['WQ-regular', 'statistics of customers: timeout'],
          ]),
        }),
      });
      expect(byName(snapshot, 'customers')).toMatchObject({
        taskQueueSid: 'WQ-regular',
        waitingCallers: 7,
        fetchedAt: NOW,
        stale: true,
      });
      expect(byName(snapshot, 'customers')?.servedInWindow).toBeUndefined();
    });
  });

  it('drops a queue that every complete listing left out (deleted in Twilio)', () => {
    const previous = build({ readings: readings(), now: EARLIER });
    const snapshot = build({
      previous,
      readings: readings({
        taskQueues: { items: [{ sid: 'WQ-premium', name: 'premium-customers' }], complete: true },
        voiceQueues: { items: [], complete: true },
      }),
    });
    expect(snapshot.queues.map((q) => q.name)).toEqual(['premium-customers']);
  });

  it('marks numbers older than three refresh periods stale even without a failure this cycle', () => {
    const ancient = build({ readings: readings(), now: NOW - 60_000 });
    const snapshot = build({
      previous: ancient,
      readings: readings({
        statistics: new Map(),
        statisticsErrors: new Map([['WQ-regular', 'x']]),
      }),
    });
    expect(byName(snapshot, 'customers')).toMatchObject({ fetchedAt: NOW - 60_000, stale: true });
  });
});
