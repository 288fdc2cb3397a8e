import type { StatsSnapshot } from './queue-stats.js';

/**
 * The queue-stats cache. One writer (the poller) replaces the whole snapshot each cycle, so a
 * reader always sees one consistent cycle. Implementations: memory (embedded, one process) and
 * Redis (many web processes, one poller).
 */
export interface StatsStore {
  /**
   * What the call path reads: the snapshot this process holds, without I/O. A webhook never
   * waits on the store: in memory mode this is the store itself; a shared store keeps the last
   * snapshot it read here and refreshes it in the background, so webhooks keep answering
   * through a store outage (with wording that degrades as the snapshot ages).
   */
  currentSnapshot(): StatsSnapshot | undefined;
  /** A read from the store itself (readiness, API); rejects when the store is unreachable. */
  readSnapshot(): Promise<StatsSnapshot | undefined>;
  writeSnapshot(snapshot: StatsSnapshot): Promise<void>;
}
