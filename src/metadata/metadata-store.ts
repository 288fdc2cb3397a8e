import type { QueueMetadata } from '../stats/queue-stats.js';

/**
 * Per-queue settings (display name; later hours and messages), keyed by queue name. The poller
 * keeps it in step with Twilio's queue list once per cycle and merges it into the snapshot.
 * Implementations: memory (embedded) and Redis (shared by many processes).
 */
export interface MetadataStore {
  /** Every queue's metadata, by queue name in name order. */
  list(): Promise<ReadonlyMap<string, QueueMetadata>>;
  get(name: string): Promise<QueueMetadata | undefined>;
  /**
   * Makes the store hold exactly `queueNames`: a new queue gets `defaults(name)` (called for new
   * queues only), a queue no longer listed loses its metadata, an existing one is left as it is.
   * Returns the result in `queueNames` order. One atomic step: concurrent calls lose nothing.
   */
  reconcile(
    queueNames: readonly string[],
    defaults: (name: string) => QueueMetadata,
  ): Promise<ReadonlyMap<string, QueueMetadata>>;
}
