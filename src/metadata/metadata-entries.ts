import type { MetadataUpdate, VersionedMetadata } from './metadata-store.js';
import type { QueueMetadata } from './queue-metadata.js';

/*
 * The store's rules over a Map of versioned entries, shared by the memory and file stores (the
 * Redis store runs the same rules in Lua). Each function is synchronous, so within one process
 * it is one atomic step.
 */
export type MetadataEntries = Map<string, VersionedMetadata>;

export function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function listEntries(entries: ReadonlyMap<string, VersionedMetadata>) {
  return new Map(
    [...entries]
      .sort(([a], [b]) => byName(a, b))
      .map(([name, entry]) => [name, entry.metadata] as const),
  );
}

/** Compare-and-set: changes `entries` only when the outcome is 'saved'. */
export function updateEntry(
  entries: MetadataEntries,
  name: string,
  metadata: QueueMetadata,
  expectedVersion: number,
): MetadataUpdate {
  const current = entries.get(name);
  if (current === undefined) return { kind: 'not-found' };
  if (current.version !== expectedVersion) return { kind: 'conflict', current };
  const version = current.version + 1;
  entries.set(name, { metadata, version });
  return { kind: 'saved', version };
}

/**
 * MetadataStore.reconcile over `entries`. `changed` says whether anything was added or removed,
 * so a store that persists can skip the write of a cycle that changed nothing.
 */
export function reconcileEntries(
  entries: MetadataEntries,
  queueNames: readonly string[],
  defaults: (name: string) => QueueMetadata,
): { result: Map<string, QueueMetadata>; changed: boolean } {
  const wanted = new Set(queueNames);
  // Defaults first: if one throws, nothing has changed.
  const added = [...wanted]
    .filter((name) => !entries.has(name))
    .map((name) => [name, { metadata: defaults(name), version: 1 }] as const);
  let changed = added.length > 0;
  for (const name of entries.keys()) {
    if (!wanted.has(name)) {
      entries.delete(name);
      changed = true;
    }
  }
  for (const [name, entry] of added) entries.set(name, entry);
  const result = new Map<string, QueueMetadata>();
  for (const name of wanted) {
    const entry = entries.get(name);
    if (entry !== undefined) result.set(name, entry.metadata);
  }
  return { result, changed };
}
