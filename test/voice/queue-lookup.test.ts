import type { QueueStats, StatsSnapshot } from '../../src/stats/queue-stats.js';
import { oldestWaitNow, resolveQueueName } from '../../src/voice/queue-lookup.js';

const NOW = Date.parse('2026-11-23T10:00:00Z');
const QUEUES = ['premium-customers', 'customers'];

const snapshot: StatsSnapshot = {
  fetchedAt: NOW,
  queues: [
    { name: 'premium-customers', voiceQueueSid: 'QU111', taskQueueSid: 'WQ111', fetchedAt: NOW },
    { name: 'customers', voiceQueueSid: 'QU222', taskQueueSid: 'WQ222', fetchedAt: NOW },
    { name: 'other-team', voiceQueueSid: 'QU333', fetchedAt: NOW },
  ],
};

describe('resolveQueueName', () => {
  const resolve = (input: { carried?: string; queueSid?: string; snapshot?: StatsSnapshot }) =>
    resolveQueueName({
      queues: QUEUES,
      carried: input.carried,
      queueSid: input.queueSid,
      snapshot: input.snapshot,
    });

  it('prefers the queue the SID names over the carried name', () => {
    expect(resolve({ queueSid: 'QU222', carried: 'premium-customers', snapshot })).toBe(
      'customers',
    );
  });

  it('falls back to the carried name when the SID is not in the snapshot', () => {
    expect(resolve({ queueSid: 'QU999', carried: 'customers', snapshot })).toBe('customers');
  });

  it('falls back to the carried name when there is no snapshot', () => {
    expect(resolve({ queueSid: 'QU222', carried: 'premium-customers' })).toBe('premium-customers');
  });

  it('uses the carried name when no SID came', () => {
    expect(resolve({ carried: 'customers', snapshot })).toBe('customers');
  });

  it('ignores a SID that names a queue outside QUEUES', () => {
    expect(resolve({ queueSid: 'QU333', carried: 'customers', snapshot })).toBe('customers');
    expect(resolve({ queueSid: 'QU333', snapshot })).toBeUndefined();
  });

  it('ignores a carried name outside QUEUES', () => {
    expect(resolve({ carried: 'other-team', snapshot })).toBeUndefined();
  });

  it('knows nothing without a SID or a carried name', () => {
    expect(resolve({ snapshot })).toBeUndefined();
  });
});

describe('oldestWaitNow', () => {
  const REFRESH_SECONDS = 15;
  const at = (stats: Omit<QueueStats, 'name'>): StatsSnapshot => ({
    fetchedAt: stats.fetchedAt,
    queues: [{ name: 'customers', ...stats }],
  });

  it('ages the cached wait by the time since it was fetched', () => {
    const fresh = at({ fetchedAt: NOW - 10_000, longestWaitSeconds: 100, waitingCallers: 2 });

    expect(oldestWaitNow(fresh, 'customers', NOW, REFRESH_SECONDS)).toBe(110);
  });

  it('uses stats exactly three refresh periods old', () => {
    const edge = at({ fetchedAt: NOW - 45_000, longestWaitSeconds: 100, waitingCallers: 2 });

    expect(oldestWaitNow(edge, 'customers', NOW, REFRESH_SECONDS)).toBe(145);
  });

  it('when stale, knows nothing', () => {
    const stale = at({ fetchedAt: NOW - 45_001, longestWaitSeconds: 100, waitingCallers: 2 });

    expect(oldestWaitNow(stale, 'customers', NOW, REFRESH_SECONDS)).toBeUndefined();
  });

  it('for an empty queue, knows nothing', () => {
    const empty = at({ fetchedAt: NOW, longestWaitSeconds: 0, waitingCallers: 0 });

    expect(oldestWaitNow(empty, 'customers', NOW, REFRESH_SECONDS)).toBeUndefined();
  });

  it('when the number waiting is unknown, still ages the wait', () => {
    const noCount = at({ fetchedAt: NOW - 5_000, longestWaitSeconds: 60 });

    expect(oldestWaitNow(noCount, 'customers', NOW, REFRESH_SECONDS)).toBe(65);
  });

  it('when the oldest wait is unknown, knows nothing', () => {
    const noWait = at({ fetchedAt: NOW, waitingCallers: 3 });

    expect(oldestWaitNow(noWait, 'customers', NOW, REFRESH_SECONDS)).toBeUndefined();
  });

  it('for a queue not in the snapshot, or without a snapshot, knows nothing', () => {
    const fresh = at({ fetchedAt: NOW, longestWaitSeconds: 100, waitingCallers: 2 });

    expect(oldestWaitNow(fresh, 'premium-customers', NOW, REFRESH_SECONDS)).toBeUndefined();
    expect(oldestWaitNow(undefined, 'customers', NOW, REFRESH_SECONDS)).toBeUndefined();
  });
});
