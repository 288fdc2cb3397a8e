import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from './atomic-file.js';

/*
 * The files of a compacted journal (compacted-journal.ts): a snapshot of the state with its
 * generation, and a journal whose first line names the generation its steps follow (a journal
 * without one follows generation 0: no snapshot). A compaction writes snapshot g+1, then
 * replaces the journal with one that follows g+1, each file atomically. A crash between the two
 * leaves snapshot g+1 beside the journal of g, whose steps are all in the snapshot: its first
 * line says to skip them. So a crash anywhere leaves the old pair or the new one, and no step is
 * ever applied twice.
 */

/** The steps of a compaction, in order, as the seam names them. */
export type CompactionStep = 'write-snapshot' | 'replace-journal' | 'open-journal';

/** A seam for tests: called before each step; throwing stops the compaction there, as a crash. */
export type BeforeCompactionStep = (step: CompactionStep) => void | Promise<void>;

export interface CompactionFiles {
  readonly snapshotFile: string;
  readonly journalFile: string;
  readonly beforeStep?: BeforeCompactionStep | undefined;
}

interface SnapshotFile {
  readonly generation: number;
  readonly state: unknown;
}

/** The journal's first line: which snapshot its steps follow. */
interface JournalHeader {
  readonly follows: number;
}

/** Writes `state` (already JSON) as snapshot `generation` and an empty journal that follows it. */
export async function writeCompaction(
  files: CompactionFiles,
  generation: number,
  stateJson: string,
): Promise<void> {
  await files.beforeStep?.('write-snapshot');
  // Spliced, not parsed and written again: the state may be large.
  await writeFileAtomically(
    files.snapshotFile,
    `{"generation":${generation},"state":${stateJson}}`,
  );
  await files.beforeStep?.('replace-journal');
  const header: JournalHeader = { follows: generation };
  await writeFileAtomically(files.journalFile, `${JSON.stringify(header)}\n`);
  await files.beforeStep?.('open-journal');
}

/** The snapshot on disk, if any (generation 0 and no state when there is none), and its size. */
export async function readSnapshot(
  file: string,
): Promise<{ generation: number; state: unknown; bytes: number }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return { generation: 0, state: undefined, bytes: 0 };
    }
    throw error;
  }
  // Written atomically, so never torn: anything unreadable is damage to stop on.
  const parsed = JSON.parse(text) as Partial<SnapshotFile>;
  if (typeof parsed.generation !== 'number' || !('state' in parsed)) {
    throw new Error(`${file} is not a snapshot`);
  }
  return { generation: parsed.generation, state: parsed.state, bytes: Buffer.byteLength(text) };
}

/** The journal's steps, and the generation they follow. */
export function splitHeader(entries: readonly unknown[]): { follows: number; steps: unknown[] } {
  const [first, ...rest] = entries;
  return isHeader(first)
    ? { follows: first.follows, steps: rest }
    : { follows: 0, steps: [...entries] };
}

function isHeader(entry: unknown): entry is JournalHeader {
  return (
    typeof entry === 'object' &&
    entry !== null &&
    Object.keys(entry).length === 1 &&
    typeof (entry as Partial<JournalHeader>).follows === 'number'
  );
}
