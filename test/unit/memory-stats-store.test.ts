import { createMemoryStatsStore } from '../../src/stats/memory-stats-store.js';
import type { StatsSnapshot } from '../../src/stats/queue-stats.js';

const snapshot = (fetchedAt: number): StatsSnapshot => ({
  fetchedAt,
  queues: [{ name: 'customers', fetchedAt, waitingCallers: 2 }],
});

describe('the memory stats store', () => {
  it('holds nothing until a snapshot is written', async () => {
    const store = createMemoryStatsStore();
    expect(store.currentSnapshot()).toBeUndefined();
    await expect(store.readSnapshot()).resolves.toBeUndefined();
  });

  it('gives the call path and readers the last snapshot written, whole', async () => {
    const store = createMemoryStatsStore(snapshot(1));
    await store.writeSnapshot(snapshot(2));
    expect(store.currentSnapshot()).toEqual(snapshot(2));
    await expect(store.readSnapshot()).resolves.toEqual(snapshot(2));
  });
});
