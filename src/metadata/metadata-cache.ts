import type { Logger } from '../logger.js';
import type { MetadataStore } from './metadata-store.js';
import { defaultQueueMetadata, type QueueMetadata } from './queue-metadata.js';

/**
 * The call path's view of queue metadata: read synchronously (a webhook never waits on a
 * store), refreshed from the store on a timer, and updated at once by an edit this process
 * saved. Another process's edit shows within one refresh (Redis mode).
 */
export interface MetadataCache {
  /** The queue's metadata, or its defaults while none was read (fail open: never "closed"). */
  get(queue: string): QueueMetadata;
  /** An edit this process saved: in effect for this process's next webhook. */
  saved(queue: string, metadata: QueueMetadata): void;
  /** Reads the store now; a store that cannot answer leaves the cache as it was. */
  refresh(): Promise<void>;
  start(): void;
  stop(): void;
}

/** How often each process re-reads the metadata: the longest another process's edit waits. */
export const METADATA_REFRESH_MS = 2000;

export function createMetadataCache(options: {
  store: Pick<MetadataStore, 'list'>;
  logger: Logger;
  refreshMs?: number;
  /** What is known before the first refresh (tests, and apps without a poller). */
  initial?: ReadonlyMap<string, QueueMetadata>;
}): MetadataCache {
  const { store, logger } = options;
  let entries: ReadonlyMap<string, QueueMetadata> = options.initial ?? new Map();
  const defaults = new Map<string, QueueMetadata>();
  let timer: NodeJS.Timeout | undefined;
  let failing = false;
  /** Bumped by saved(): a refresh that began before an edit must not undo it. */
  let generation = 0;

  const refresh = async () => {
    const startedAt = generation;
    try {
      const listed = await store.list();
      if (generation === startedAt) entries = listed;
      if (failing) logger.info('queue metadata readable again');
      failing = false;
    } catch (error) {
      if (!failing) {
        logger.warn({ err: error }, 'queue metadata unreadable; keeping what was read last');
      }
      failing = true;
    }
  };

  return {
    get(queue) {
      const metadata = entries.get(queue);
      if (metadata !== undefined) return metadata;
      let fallback = defaults.get(queue);
      if (fallback === undefined) {
        fallback = defaultQueueMetadata(queue);
        if (defaults.size < 1000) defaults.set(queue, fallback);
      }
      return fallback;
    },

    saved(queue, metadata) {
      generation += 1;
      entries = new Map(entries).set(queue, metadata);
    },

    refresh,

    start() {
      if (timer !== undefined) return;
      void refresh();
      timer = setInterval(() => void refresh(), options.refreshMs ?? METADATA_REFRESH_MS);
      timer.unref();
    },

    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
