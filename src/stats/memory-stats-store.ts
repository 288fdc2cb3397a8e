import type { StatsSnapshot } from './queue-stats.js';
import type { StatsStore } from './stats-store.js';

export function createMemoryStatsStore(initial?: StatsSnapshot): StatsStore {
  let current = initial;
  return {
    currentSnapshot: () => current,
    readSnapshot: () => Promise.resolve(current),
    writeSnapshot: (snapshot) => {
      current = snapshot;
      return Promise.resolve();
    },
  };
}
