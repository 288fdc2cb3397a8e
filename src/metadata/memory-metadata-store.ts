import type { QueueMetadata } from '../stats/queue-stats.js';
import type { MetadataStore } from './metadata-store.js';

/** The embedded mode's metadata: one process, so a Map is atomic enough. */
export function createMemoryMetadataStore(
  initial: Iterable<readonly [string, QueueMetadata]> = [],
): MetadataStore {
  const entries = new Map<string, QueueMetadata>(initial);

  return {
    list: () => Promise.resolve(new Map([...entries].sort(([a], [b]) => byName(a, b)))),

    get: (name) => Promise.resolve(entries.get(name)),

    reconcile: (queueNames, defaults) =>
      new Promise((resolve) => {
        const wanted = new Set(queueNames);
        // Defaults first: if one throws, nothing has changed.
        const added = [...wanted]
          .filter((name) => !entries.has(name))
          .map((name) => [name, defaults(name)] as const);
        for (const name of entries.keys()) if (!wanted.has(name)) entries.delete(name);
        for (const [name, metadata] of added) entries.set(name, metadata);
        const result = new Map<string, QueueMetadata>();
        for (const name of wanted) {
          const metadata = entries.get(name);
          if (metadata !== undefined) result.set(name, metadata);
        }
        resolve(result);
      }),
  };
}

export function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
