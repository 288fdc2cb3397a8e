import type { StatsSnapshot } from './queue-stats.js';
import type { StatsStore } from './stats-store.js';

/**
 * For readers off the call path (/readyz, the API): the store's snapshot when it answers, else
 * the one this process last read, with which of the two it is. A store that cannot answer must
 * not turn an answerable question into an error; the caller decides what to say about it.
 */
export async function readSnapshotOrHeld(
  stats: StatsStore,
  onUnreachable: (error: unknown) => void,
): Promise<{ snapshot: StatsSnapshot | undefined; storeReachable: boolean }> {
  try {
    return {
      snapshot: (await stats.readSnapshot()) ?? stats.currentSnapshot(),
      storeReachable: true,
    };
  } catch (error) {
    onUnreachable(error);
    return { snapshot: stats.currentSnapshot(), storeReachable: false };
  }
}
