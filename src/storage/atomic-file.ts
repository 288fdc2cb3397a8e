import { randomBytes } from 'node:crypto';
import { open, readdir, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/*
 * Whole-file replacement that a crash or a power cut cannot tear: readers see the old file or
 * the new one, never a mix or an empty file.
 */

const TEMPORARY_SUFFIX = '.tmp';

/**
 * Writes `contents` to a temporary file next to `target`, fsyncs it, renames it over `target`
 * and fsyncs the directory. Resolves once the new contents are durable; on failure the temporary
 * file is removed and `target` still has its old contents, unless only the directory fsync
 * failed, in which case it has the new ones but they may not survive a power cut.
 */
export async function writeFileAtomically(target: string, contents: string): Promise<void> {
  // Same directory (rename is atomic only within one file system); a name no other write uses.
  const temporary = `${target}.${process.pid}.${randomBytes(6).toString('hex')}${TEMPORARY_SUFFIX}`;
  try {
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(contents, 'utf8');
      // Before the rename: otherwise a power cut can leave the new name on empty data.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  // The rename lives in the directory: without this, a power cut can bring the old file back.
  await syncDirectory(path.dirname(target));
}

/** fsync of a directory, so that a rename or a new name in it is durable. */
export async function syncDirectory(directory: string): Promise<void> {
  // Windows cannot open a directory as a file (EISDIR/EPERM) and persists renames without it.
  if (process.platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Removes the temporary files of writes to `target` that a crash interrupted, and returns their
 * names. Only for a file one process writes: another process's write in flight would lose its
 * temporary file.
 */
export async function removeLeftoverTemporaries(target: string): Promise<string[]> {
  const directory = path.dirname(target);
  const prefix = `${path.basename(target)}.`;
  const leftovers = (await readdir(directory)).filter(
    (name) => name.startsWith(prefix) && name.endsWith(TEMPORARY_SUFFIX),
  );
  for (const name of leftovers) {
    await unlink(path.join(directory, name)).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
  }
  return leftovers;
}

/**
 * Renames a file that cannot be read out of the way (kept for a human, never overwritten), and
 * returns where it went.
 */
export async function moveAside(file: string): Promise<string> {
  const movedTo = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  await rename(file, movedTo);
  await syncDirectory(path.dirname(file));
  return movedTo;
}
