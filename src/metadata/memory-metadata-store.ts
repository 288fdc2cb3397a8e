import { listEntries, reconcileEntries, updateEntry } from './metadata-entries.js';
import type { MetadataStore, VersionedMetadata } from './metadata-store.js';
import type { QueueMetadata } from './queue-metadata.js';

/**
 * Metadata in a Map, for tests and benchmarks: one process, and every operation is one
 * synchronous step, so a Map is atomic enough. Nothing survives the process (embedded mode
 * uses the file store for that). `initial` entries start at version 1.
 */
export function createMemoryMetadataStore(
  initial: Iterable<readonly [string, QueueMetadata]> = [],
): MetadataStore {
  const entries = new Map<string, VersionedMetadata>(
    [...initial].map(([name, metadata]) => [name, { metadata, version: 1 }]),
  );

  return {
    list: () => Promise.resolve(listEntries(entries)),

    get: (name) => Promise.resolve(entries.get(name)),

    update: (name, metadata, expectedVersion) =>
      Promise.resolve(updateEntry(entries, name, metadata, expectedVersion)),

    // A Promise constructor, not Promise.resolve(...): a default that throws rejects the promise.
    reconcile: (queueNames, defaults) =>
      new Promise((resolve) => resolve(reconcileEntries(entries, queueNames, defaults).result)),
  };
}
