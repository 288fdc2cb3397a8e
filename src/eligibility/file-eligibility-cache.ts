import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { removeLeftoverTemporaries, writeFileAtomically } from '../storage/atomic-file.js';
import { readKeptJsonFile } from '../storage/json-file.js';
import {
  createMemoryEligibilityCache,
  type EligibilityCache,
  type EligibilityCacheContents,
} from './eligibility-cache.js';

export const ELIGIBILITY_CACHE_FILE_NAME = 'eligibility-cache.json';

/** How long changes gather before the file is written: a full sync changes thousands a minute. */
const WRITE_DELAY_MS = 1_000;

const fileSchema = z.object({
  format: z.literal(1),
  workers: z.record(z.string(), z.string()),
  queues: z.record(z.string(), z.string()),
  syncedAt: z.number().optional(),
});

/**
 * The embedded mode's cache: in memory, written (atomically, at most once a second) to
 * `dir/eligibility-cache.json`, so a restart neither forgets what the workers look like nor
 * starts another full sync. A crash loses at most the last second of changes; the next event
 * for those workers, or the next periodic sync, brings them back.
 */
export async function openFileEligibilityCache(options: {
  dir: string;
  logger: Logger;
}): Promise<EligibilityCache & { flush(): Promise<void> }> {
  const file = path.join(options.dir, ELIGIBILITY_CACHE_FILE_NAME);
  await mkdir(options.dir, { recursive: true, mode: 0o700 });
  await removeLeftoverTemporaries(file);
  const kept = await readKeptJsonFile(file, fileSchema, {
    logger: options.logger,
    what: 'eligibility cache',
  });
  let latest: EligibilityCacheContents | undefined;
  let timer: NodeJS.Timeout | undefined;
  let writing: Promise<void> = Promise.resolve();

  const write = () => {
    timer = undefined;
    const contents = latest;
    latest = undefined;
    if (contents === undefined) return writing;
    const text = JSON.stringify({
      format: 1,
      workers: Object.fromEntries(contents.workers),
      queues: Object.fromEntries(contents.queues),
      syncedAt: contents.syncedAt,
    });
    writing = writing
      .then(() => writeFileAtomically(file, text))
      .catch((error: unknown) => {
        options.logger.error({ err: error, file }, 'eligibility: cannot write the cache file');
      });
    return writing;
  };

  const cache = createMemoryEligibilityCache({
    ...(kept === undefined
      ? {}
      : {
          initial: {
            workers: new Map(Object.entries(kept.workers)),
            queues: new Map(Object.entries(kept.queues)),
            syncedAt: kept.syncedAt,
          },
        }),
    onChange: (contents) => {
      latest = contents;
      timer ??= setTimeout(() => void write(), WRITE_DELAY_MS);
      timer.unref();
    },
  });
  return {
    ...cache,
    /** Writes what is pending now (on shutdown). */
    async flush() {
      if (timer !== undefined) clearTimeout(timer);
      await write();
    },
  };
}
