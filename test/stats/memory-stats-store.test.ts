import { createMemoryStatsStore } from '../../src/stats/memory-stats-store.js';
import { statsStoreContract } from './stats-store.contract.js';
import type { StatsSnapshot } from '../../src/stats/queue-stats.js';

describe('the memory stats store (StatsStore contract)', () => {
  statsStoreContract(() => {
    const store = createMemoryStatsStore();
    return Promise.resolve({ writer: store, reader: store });
  });
});

/** Beyond the contract: what the memory store adds. */
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
