import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { removeLeftoverTemporaries, writeFileAtomically } from './atomic-file.js';
import { Journal } from './journal.js';

/**
 * State kept as a snapshot file plus a journal of the steps taken since it. Opening replays
 * both and compacts: the state is written as a new snapshot and the journal starts again
 * empty, so a restart reads the state once instead of every step since the beginning.
 *
 * Each snapshot has a generation, and the journal's first line names the generation it follows
 * (a journal without one follows generation 0: no snapshot). Compaction writes snapshot g+1,
 * then replaces the journal with one that follows g+1, each file atomically. A crash between
 * the two leaves snapshot g+1 beside the journal of g, whose steps are all in the snapshot: its
 * generation says to skip them. So a crash anywhere leaves the old pair or the new one, and
 * never applies a step twice.
 */

/** The steps of a compaction, in order, as the seam names them. */
export type CompactionStep = 'write-snapshot' | 'replace-journal' | 'open-journal';

/** A seam for tests: called before each step; throwing stops the compaction there, as a crash. */
export type BeforeCompactionStep = (step: CompactionStep) => void | Promise<void>;

export interface CompactedJournalOptions<S> {
  readonly snapshotFile: string;
  readonly journalFile: string;
  /** The state a snapshot describes; `undefined`: no snapshot yet, the empty state. */
  restore(snapshot: unknown): S;
  apply(state: S, step: unknown): void;
  snapshot(state: S): unknown;
  beforeStep?: BeforeCompactionStep;
}

interface SnapshotFile {
  readonly generation: number;
  readonly state: unknown;
}

/** The journal's first line: which snapshot its steps follow. */
interface JournalHeader {
  readonly follows: number;
}

/** Opens (creating) the files and returns the state, compacted, with the journal to append to. */
export async function openCompactedJournal<S>(
  options: CompactedJournalOptions<S>,
): Promise<{ state: S; journal: Journal }> {
  const { snapshotFile, journalFile } = options;
  await mkdir(path.dirname(snapshotFile), { recursive: true });
  await mkdir(path.dirname(journalFile), { recursive: true });
  // A compaction's write that a crash cut short: the file it was to replace is still whole.
  await removeLeftoverTemporaries(snapshotFile);
  await removeLeftoverTemporaries(journalFile);

  const saved = await readSnapshot(snapshotFile);
  const generation = saved?.generation ?? 0;
  const state = options.restore(saved?.state);
  const opened = await Journal.open(journalFile);
  const [first, ...rest] = opened.entries;
  const header = isHeader(first) ? first : undefined;
  const steps = header === undefined ? opened.entries : rest;
  const follows = header?.follows ?? 0;
  if (follows > generation) {
    await opened.journal.close();
    throw new Error(
      `${journalFile} follows snapshot ${follows}, but ${snapshotFile} is at ${generation}`,
    );
  }
  // An older journal was compacted into the snapshot before a crash: its steps are in it.
  if (follows === generation) for (const step of steps) options.apply(state, step);
  if (follows === generation && steps.length === 0) return { state, journal: opened.journal };

  await opened.journal.close();
  const next = generation + 1;
  await options.beforeStep?.('write-snapshot');
  const file: SnapshotFile = { generation: next, state: options.snapshot(state) };
  await writeFileAtomically(snapshotFile, JSON.stringify(file));
  await options.beforeStep?.('replace-journal');
  const fresh: JournalHeader = { follows: next };
  await writeFileAtomically(journalFile, `${JSON.stringify(fresh)}\n`);
  await options.beforeStep?.('open-journal');
  const reopened = await Journal.open(journalFile);
  return { state, journal: reopened.journal };
}

async function readSnapshot(file: string): Promise<SnapshotFile | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // Written atomically, so never torn: anything unreadable is damage to stop on.
  const parsed = JSON.parse(text) as Partial<SnapshotFile>;
  if (typeof parsed.generation !== 'number' || !('state' in parsed)) {
    throw new Error(`${file} is not a snapshot`);
  }
  return parsed as SnapshotFile;
}

function isHeader(entry: unknown): entry is JournalHeader {
  return (
    typeof entry === 'object' &&
    entry !== null &&
    Object.keys(entry).length === 1 &&
    typeof (entry as Partial<JournalHeader>).follows === 'number'
  );
}
