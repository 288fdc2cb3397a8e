import { mkdir, open, readFile, truncate, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { syncDirectory } from './atomic-file.js';

/**
 * An append-only file of JSON lines, for state that must survive kill -9 between two steps: a
 * step is durable (written and fdatasync'd) before its append resolves. Appends made while a
 * write is in flight go out together in the next one (group commit), so a burst costs one sync,
 * not one each. A crash can tear only the last line; reading skips a last line that does not
 * parse, since its append never resolved.
 */
export class Journal {
  private pending: { line: string; done: (error?: unknown) => void }[] = [];
  private writing: Promise<void> | undefined;
  private failure: unknown;
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly handle: FileHandle,
    private written: number,
  ) {}

  /** Opens (creating) the journal and returns it with the entries already in it. */
  static async open(file: string): Promise<{ journal: Journal; entries: unknown[] }> {
    await mkdir(path.dirname(file), { recursive: true });
    const { entries, completeBytes } = await readEntries(file);
    // A torn last line is cut off, or the next append would run on from it.
    if (completeBytes !== undefined) await truncate(file, completeBytes);
    const handle = await open(file, 'a', 0o600);
    await syncDirectory(path.dirname(file));
    return { journal: new Journal(handle, (await handle.stat()).size), entries };
  }

  /** The file's size once every append so far is written: what compaction would save. */
  get bytes(): number {
    return this.written;
  }

  /** A write failed: every append rejects from now on. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /**
   * Resolves once `entry` is on disk. After a failed write every append rejects: what is in
   * memory may be ahead of the file, and acting on it could not be replayed.
   */
  append(entry: unknown): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(asError(this.failure));
    const line = `${JSON.stringify(entry)}\n`;
    this.written += Buffer.byteLength(line, 'utf8');
    return new Promise((resolve, reject) => {
      this.pending.push({
        line,
        done: (error) => (error === undefined ? resolve() : reject(asError(error))),
      });
      this.writing ??= this.writeLoop();
    });
  }

  /** Once every append made is written; again: the same promise. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.writing;
      await this.handle.close();
    })();
    return this.closing;
  }

  private async writeLoop(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        if (this.failure !== undefined) throw asError(this.failure);
        await this.handle.appendFile(batch.map((p) => p.line).join(''), 'utf8');
        await this.handle.datasync();
        for (const p of batch) p.done();
      } catch (error) {
        this.failure ??= error;
        for (const p of batch) p.done(error);
      }
    }
    this.writing = undefined;
  }
}

/** `completeBytes`: set when the file ends in a torn line, to cut it back to. */
async function readEntries(
  file: string,
): Promise<{ entries: unknown[]; completeBytes: number | undefined }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { entries: [], completeBytes: undefined };
    }
    throw error;
  }
  const lastNewline = text.lastIndexOf('\n');
  const torn = text.slice(lastNewline + 1);
  const entries = text
    .slice(0, lastNewline + 1)
    .split('\n')
    .filter((line) => line !== '')
    .map((line, index) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (error) {
        // Only the last line can be torn by a crash; anything else is damage to stop on.
        throw new Error(`${file}: entry ${index + 1} is not JSON`, { cause: error });
      }
    });
  // A line without its newline: its append never resolved, so nothing acted on it.
  const completeBytes =
    torn === '' ? undefined : Buffer.byteLength(text.slice(0, lastNewline + 1), 'utf8');
  return { entries, completeBytes };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
