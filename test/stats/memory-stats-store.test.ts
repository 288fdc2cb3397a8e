import { createMemoryStatsStore } from '../../src/stats/memory-stats-store.js';
import { statsStoreContract } from './stats-store.contract.js';

describe('the memory stats store (StatsStore contract)', () => {
  statsStoreContract(() => {
    const store = createMemoryStatsStore();
    return Promise.resolve({ writer: store, reader: store });
  });
});
