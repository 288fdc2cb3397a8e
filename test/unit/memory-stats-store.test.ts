import { createMemoryStatsStore } from '../../src/stats/memory-stats-store.js';
import type { StatsSnapshot } from '../../src/stats/queue-stats.js';

/** The StatsStore contract runs against this store in test/stats; here, only what it adds. */
const snapshot = (fetchedAt: number): StatsSnapshot => ({
  fetchedAt,
  queues: [{ name: 'customers', fetchedAt, waitingCallers: 2 }],
});

describe('the memory stats store', () => {
  it('starts from the snapshot it is given, until one is written', async () => {
    const store = createMemoryStatsStore(snapshot(1));
    expect(store.currentSnapshot()).toEqual(snapshot(1));
    await store.writeSnapshot(snapshot(2));
    await expect(store.readSnapshot()).resolves.toEqual(snapshot(2));
  });
});
