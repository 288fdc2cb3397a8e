import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { removeLeftoverTemporaries } from './atomic-file.js';
import {
  readSnapshot,
  splitHeader,
  writeCompaction,
  type BeforeCompactionStep,
  type CompactionFiles,
} from './compaction.js';
import { Journal } from './journal.js';

export interface CompactedJournalOptions<S> {
  readonly snapshotFile: string;
  readonly journalFile: string;
  /** The state a snapshot describes; `undefined`: no snapshot yet, the empty state. */
  restore(snapshot: unknown): S;
  apply(state: S, step: unknown): void;
  /** The state as plain JSON, as it is now (the caller's steps change it in place). */
  snapshot(state: S): unknown;
  /**
   * Compacts while running once the journal passes this size and the last snapshot's (so that
   * the snapshots written cost no more than the steps appended); default: only on open.
   */
  compactAboveBytes?: number | undefined;
  beforeStep?: BeforeCompactionStep | undefined;
}

/**
 * State kept as a snapshot file plus a journal of the steps taken since it (compaction.ts has
 * the files and why a crash cannot apply a step twice). Opening replays both and compacts: the
 * state is written as a new snapshot and the journal starts again empty, so a restart reads
 * the state once instead of every step since the beginning. With `compactAboveBytes`, a
 * journal that grows past it while running is compacted the same way.
 *
 * The caller changes its state in place, then appends the step, in the same synchronous run;
 * so at any moment the state holds exactly the steps appended. A compaction while running takes
 * the snapshot at one such moment; steps appended while it writes wait, and go to the new
 * journal once it is there. A compaction that fails (a disk error; a test's stop) fails every
 * append after it, as a failed journal write does: what is in memory may be ahead of the files,
 * and a restart reads the files.
 */
export class CompactedJournal {
  private waiting: { step: unknown; resolve: () => void; reject: (error: Error) => void }[] = [];
  private compacting: Promise<void> | undefined;
  private failure: Error | undefined;

  private constructor(
    private journal: Journal,
    private generation: number,
    private readonly files: CompactionFiles,
    private readonly stateJson: () => string,
    private readonly compactAboveBytes: number,
    private snapshotBytes: number,
  ) {}

  /** Opens (creating) the files; returns the state, compacted, and the journal to append to. */
  static async open<S>(
    options: CompactedJournalOptions<S>,
  ): Promise<{ state: S; journal: CompactedJournal }> {
    const { snapshotFile, journalFile } = options;
    await mkdir(path.dirname(snapshotFile), { recursive: true });
    await mkdir(path.dirname(journalFile), { recursive: true });
    // A compaction's write that a crash cut short: the file it was to replace is still whole.
    await removeLeftoverTemporaries(snapshotFile);
    await removeLeftoverTemporaries(journalFile);

    const saved = await readSnapshot(snapshotFile);
    const state = options.restore(saved.state);
    const opened = await Journal.open(journalFile);
    const { follows, steps } = splitHeader(opened.entries);
    if (follows > saved.generation) {
      await opened.journal.close();
      throw new Error(
        `${journalFile} follows snapshot ${follows}, but ${snapshotFile} is at ${saved.generation}`,
      );
    }
    // An older journal was compacted into the snapshot before a crash: its steps are in it.
    if (follows === saved.generation) for (const step of steps) options.apply(state, step);

    const files: CompactionFiles = { snapshotFile, journalFile, beforeStep: options.beforeStep };
    let journal = opened.journal;
    let generation = saved.generation;
    let snapshotBytes = saved.bytes;
    if (follows !== saved.generation || steps.length > 0) {
      await journal.close();
      generation += 1;
      const stateJson = JSON.stringify(options.snapshot(state));
      await writeCompaction(files, generation, stateJson);
      snapshotBytes = Buffer.byteLength(stateJson);
      journal = (await Journal.open(journalFile)).journal;
    }
    const compacted = new CompactedJournal(
      journal,
      generation,
      files,
      () => JSON.stringify(options.snapshot(state)),
      options.compactAboveBytes ?? Number.POSITIVE_INFINITY,
      snapshotBytes,
    );
    return { state, journal: compacted };
  }

  /** Resolves once `step` is durable (see Journal.append). */
  append(step: unknown): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.compacting !== undefined) {
      return new Promise((resolve, reject) => this.waiting.push({ step, resolve, reject }));
    }
    const written = this.journal.append(step);
    this.compactIfLarge();
    return written;
  }

  async close(): Promise<void> {
    // A compaction may start another as it ends (the steps that waited for it filled the journal).
    while (this.compacting !== undefined) await this.compacting;
    await this.journal.close();
  }

  private compactIfLarge(): void {
    if (this.journal.bytes > Math.max(this.compactAboveBytes, this.snapshotBytes)) {
      this.compacting = this.compact();
    }
  }

  private async compact(): Promise<void> {
    // Now, in the same run as the append that passed the size: the state holds every step
    // appended so far, and none after.
    const stateJson = this.stateJson();
    const old = this.journal;
    try {
      // Its last steps are in the snapshot too; their appends resolve once they are written.
      await old.close();
      if (old.failed) throw new Error('the journal failed a write before compaction');
      await writeCompaction(this.files, this.generation + 1, stateJson);
      this.journal = (await Journal.open(this.files.journalFile)).journal;
      this.generation += 1;
      this.snapshotBytes = Buffer.byteLength(stateJson);
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
    }
    this.compacting = undefined;
    const waiting = this.waiting;
    this.waiting = [];
    // All of them before the size is looked at again: the state holds them already, so a
    // snapshot taken between two of them would hold the later ones, which would then be
    // written to the journal after it too.
    for (const { step, resolve, reject } of waiting) {
      if (this.failure !== undefined) reject(this.failure);
      else this.journal.append(step).then(resolve, reject);
    }
    if (this.failure === undefined) this.compactIfLarge();
  }
}
