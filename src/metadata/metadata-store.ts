import type { QueueMetadata } from './queue-metadata.js';

/** A queue's metadata with the version an edit must name (the API's ETag). */
export interface VersionedMetadata {
  readonly metadata: QueueMetadata;
  /** 1 when the queue got its defaults; one more with every saved edit. */
  readonly version: number;
}

export type MetadataUpdate =
  | { readonly kind: 'saved'; readonly version: number }
  /** Somebody saved first: nothing was written; here is what they saved. */
  | { readonly kind: 'conflict'; readonly current: VersionedMetadata }
  /** The queue is not in the store (never polled, or deleted meanwhile): nothing was written. */
  | { readonly kind: 'not-found' };

/**
 * Per-queue settings, keyed by queue name. The poller keeps it in step with Twilio's queue list
 * once per cycle and merges it into the snapshot; supervisors edit it through the API and the
 * admin page. Implementations: memory (tests), file (embedded, under DATA_DIR) and Redis
 * (shared by many processes).
 */
export interface MetadataStore {
  /** Every queue's metadata, by queue name in name order. */
  list(): Promise<ReadonlyMap<string, QueueMetadata>>;
  get(name: string): Promise<VersionedMetadata | undefined>;
  /**
   * Replaces a queue's metadata if its version is still `expectedVersion`: one atomic
   * compare-and-set, so of two supervisors editing the same version one saves and the other
   * is told (never a silent overwrite). Resolves once the change is durable.
   */
  update(name: string, metadata: QueueMetadata, expectedVersion: number): Promise<MetadataUpdate>;
  /**
   * Makes the store hold exactly `queueNames`: a new queue gets `defaults(name)` (called for new
   * queues only) at version 1, a queue no longer listed loses its metadata, an existing one is
   * left as it is. Returns the result in `queueNames` order. One atomic step: concurrent calls
   * lose nothing.
   */
  reconcile(
    queueNames: readonly string[],
    defaults: (name: string) => QueueMetadata,
  ): Promise<ReadonlyMap<string, QueueMetadata>>;
}
