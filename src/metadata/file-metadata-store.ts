import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../logger.js';
import {
  moveAside,
  removeLeftoverTemporaries,
  writeFileAtomically,
} from '../storage/atomic-file.js';
import {
  listEntries,
  reconcileEntries,
  updateEntry,
  type MetadataEntries,
} from './metadata-entries.js';
import { parseMetadataFile, serializeMetadataFile } from './metadata-file.js';
import type { MetadataStore, VersionedMetadata } from './metadata-store.js';

export const METADATA_FILE_NAME = 'queue-metadata.json';

export interface FileMetadataStoreOptions {
  /** DATA_DIR; created (owner only) when missing. */
  readonly dir: string;
  readonly logger: Logger;
}

/**
 * The embedded mode's metadata: one process, so the state lives in memory, and every change is
 * written whole to `dir/queue-metadata.json` (atomically: see writeFileAtomically) before it is
 * answered. A change is applied to a copy and the copy becomes the state only once the disk has
 * it: when a write fails the caller gets the error and memory still holds what the file holds,
 * never an edit the next start would not find. Changes run one after the other, so two updates
 * cannot interleave their writes. Not for several processes sharing one DATA_DIR (that is what
 * REDIS_URL is for).
 */
export async function openFileMetadataStore(
  options: FileMetadataStoreOptions,
): Promise<MetadataStore> {
  const { dir, logger } = options;
  const file = path.join(dir, METADATA_FILE_NAME);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const leftovers = await removeLeftoverTemporaries(file);
  if (leftovers.length > 0) {
    logger.warn({ file, leftovers }, 'metadata store: removed the temporary files of a cut write');
  }
  let committed: ReadonlyMap<string, VersionedMetadata> = await load(file, logger);
  let tail: Promise<unknown> = Promise.resolve();

  /** Runs `step` on a copy after every earlier change; writes and commits it if it changed. */
  function change<T>(step: (next: MetadataEntries) => { outcome: T; changed: boolean }) {
    const run = tail.then(async () => {
      const next = new Map(committed);
      const { outcome, changed } = step(next);
      if (changed) {
        await writeFileAtomically(file, serializeMetadataFile(next));
        committed = next;
      }
      return outcome;
    });
    tail = run.catch(() => undefined); // a failed change must not stop the ones after it
    return run;
  }

  return {
    list: () => Promise.resolve(listEntries(committed)),

    get: (name) => Promise.resolve(committed.get(name)),

    update: (name, metadata, expectedVersion) =>
      change((next) => {
        const outcome = updateEntry(next, name, metadata, expectedVersion);
        return { outcome, changed: outcome.kind === 'saved' };
      }),

    reconcile: (queueNames, defaults) =>
      change((next) => {
        const { result, changed } = reconcileEntries(next, queueNames, defaults);
        return { outcome: result, changed };
      }),
  };
}

/**
 * The file's entries; none when it does not exist. A file that cannot be read as a whole is
 * moved aside (kept for a human, never overwritten) and the store starts empty; entries that
 * cannot be read are dropped the same way, the rest kept. Either is logged as an error.
 */
async function load(file: string, logger: Logger): Promise<MetadataEntries> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error; // unreadable (permissions, I/O): not ours to move aside; fail at start-up
  }
  const parsed = parseMetadataFile(text);
  if (!parsed.ok) {
    const movedTo = await moveAside(file);
    logger.error(
      { file, movedTo, problem: parsed.problem },
      'metadata store: cannot read the metadata file; moved it aside and starting without metadata',
    );
    return new Map();
  }
  if (parsed.unreadable.length > 0) {
    const movedTo = await moveAside(file);
    // Rewritten at once, so the file holds what memory holds from the start.
    await writeFileAtomically(file, serializeMetadataFile(parsed.entries));
    logger.error(
      { file, movedTo, queues: parsed.unreadable },
      'metadata store: dropped queues whose metadata cannot be read; the original file is moved aside',
    );
  }
  return parsed.entries;
}
