import type { StatsSnapshot } from './queue-stats.js';

/**
 * The queue-stats cache. One writer (the poller) replaces the whole snapshot each cycle, so a
 * reader always sees one consistent cycle. Implementations: memory (embedded, one process) and
 * Redis (many web processes, one poller).
 */
export interface StatsStore {
  readSnapshot(): Promise<StatsSnapshot | undefined>;
  writeSnapshot(snapshot: StatsSnapshot): Promise<void>;
}
