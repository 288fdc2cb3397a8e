import path from 'node:path';
import { CompactedJournal } from '../storage/compacted-journal.js';
import type { BeforeCompactionStep } from '../storage/compaction.js';
import type { Attempt } from './attempt.js';
import { CampaignBook, type BookSnapshot } from './campaign-book.js';
import type { CampaignRecord, CampaignStore, PacingState } from './campaign-store.js';

/**
 * A journal this large is compacted while running (once it is also larger than the snapshot):
 * a snapshot is written in one synchronous stringify of the book, which holds the event loop
 * for tens of milliseconds per 10,000 contacts, so not often (bench:journal-compaction).
 */
const COMPACT_ABOVE_BYTES = 16 * 1024 * 1024;

/** A change that happened, as the journal keeps it: the book's method and its arguments. */
type Step =
  | { op: 'create'; args: Parameters<CampaignBook['create']> }
  | { op: 'setStatus'; args: Parameters<CampaignBook['setStatus']> }
  | { op: 'claim'; args: Parameters<CampaignBook['claim']> }
  | { op: 'advance'; args: Parameters<CampaignBook['advance']> }
  | { op: 'release'; args: Parameters<CampaignBook['release']> }
  | { op: 'end'; args: Parameters<CampaignBook['end']> }
  | { op: 'completeIfDone'; args: Parameters<CampaignBook['completeIfDone']> };

/**
 * Embedded mode's outbound state: the book in memory, every change that happened journaled under
 * DATA_DIR before it resolves. A restart reads the last snapshot and replays the journal, so an
 * attempt marked `dialing` before a crash is still `dialing` after it (and reconciled), and one
 * never marked was never sent; then it writes the book as the new snapshot and starts the
 * journal again (compacted-journal.ts), so the journal holds only the steps since the last start.
 */
export class EmbeddedCampaignStore implements CampaignStore {
  /** The runner's pacing states: in memory only, a restarted runner writes them anew. */
  private readonly pacingStates = new Map<string, PacingState>();

  private constructor(
    private readonly book: CampaignBook,
    private readonly journal: CompactedJournal | undefined,
  ) {}

  /**
   * `dataDir` undefined: memory only (tests, simulations). `compactAboveBytes`: when the
   * journal is compacted while running (it also waits until the journal is larger than the
   * last snapshot). `beforeCompactionStep`: the seam through which tests stop a compaction at
   * each step, as a crash would.
   */
  static async open(
    dataDir: string | undefined,
    options: { compactAboveBytes?: number; beforeCompactionStep?: BeforeCompactionStep } = {},
  ): Promise<EmbeddedCampaignStore> {
    if (dataDir === undefined) return new EmbeddedCampaignStore(new CampaignBook(), undefined);
    const { state, journal } = await CompactedJournal.open<CampaignBook>({
      snapshotFile: path.join(dataDir, 'outbound', 'snapshot.json'),
      journalFile: path.join(dataDir, 'outbound', 'journal.jsonl'),
      restore: (snapshot) =>
        snapshot === undefined
          ? new CampaignBook()
          : CampaignBook.fromSnapshot(snapshot as BookSnapshot),
      apply: (book, step) => apply(book, step as Step),
      snapshot: (book) => book.snapshot(),
      compactAboveBytes: options.compactAboveBytes ?? COMPACT_ABOVE_BYTES,
      beforeStep: options.beforeCompactionStep,
    });
    return new EmbeddedCampaignStore(state, journal);
  }

  async create(...args: Parameters<CampaignBook['create']>) {
    return this.keep({ op: 'create', args }, this.book.create(...args));
  }

  get(id: string) {
    const record = this.book.get(id);
    return Promise.resolve(record === undefined ? undefined : this.withPacing(record));
  }

  list() {
    return Promise.resolve(this.book.list().map((record) => this.withPacing(record)));
  }

  contact(campaignId: string, contactId: string) {
    return Promise.resolve(this.book.contact(campaignId, contactId));
  }

  async setStatus(...args: Parameters<CampaignBook['setStatus']>) {
    return this.keep({ op: 'setStatus', args }, this.book.setStatus(...args));
  }

  async claim(...args: Parameters<CampaignBook['claim']>) {
    const claimed = this.book.claim(...args);
    return this.keep({ op: 'claim', args }, claimed, claimed.length > 0);
  }

  attempt(campaignId: string, id: string) {
    return Promise.resolve(this.book.attempt(campaignId, id));
  }

  active(campaignId: string) {
    return Promise.resolve(this.book.active(campaignId));
  }

  async advance(...args: Parameters<CampaignBook['advance']>) {
    const moved: Attempt | undefined = this.book.advance(...args);
    return this.keep({ op: 'advance', args }, moved, moved !== undefined);
  }

  async release(...args: Parameters<CampaignBook['release']>) {
    return this.keep({ op: 'release', args }, this.book.release(...args));
  }

  async end(...args: Parameters<CampaignBook['end']>) {
    const disposition = this.book.end(...args);
    return this.keep({ op: 'end', args }, disposition, disposition !== undefined);
  }

  async completeIfDone(...args: Parameters<CampaignBook['completeIfDone']>) {
    return this.keep({ op: 'completeIfDone', args }, this.book.completeIfDone(...args));
  }

  outcomesSince(campaignId: string, since: number) {
    return Promise.resolve(this.book.outcomesSince(campaignId, since));
  }

  setPacingState(campaignId: string, state: PacingState) {
    if (this.book.get(campaignId) !== undefined) this.pacingStates.set(campaignId, state);
    return Promise.resolve();
  }

  attemptOfCall(campaignId: string, callSid: string) {
    return Promise.resolve(this.book.attemptOfCall(campaignId, callSid));
  }

  dispositions(campaignId: string) {
    return Promise.resolve(this.book.dispositions(campaignId));
  }

  queueEvents(campaignId: string) {
    return Promise.resolve(this.book.queueEvents(campaignId));
  }

  async close(): Promise<void> {
    await this.journal?.close();
  }

  private withPacing(record: CampaignRecord): CampaignRecord {
    const pacingState = this.pacingStates.get(record.execution.id);
    return pacingState === undefined ? record : { ...record, pacingState };
  }

  /** Resolves with `result` once the step is durable; a step that changed nothing is not kept. */
  private async keep<T>(step: Step, result: T, changed: boolean = result !== false): Promise<T> {
    if (changed) await this.journal?.append(step);
    return result;
  }
}

function apply(book: CampaignBook, step: Step): void {
  switch (step.op) {
    case 'create':
      book.create(...step.args);
      break;
    case 'setStatus':
      book.setStatus(...step.args);
      break;
    case 'claim':
      book.claim(...step.args);
      break;
    case 'advance':
      book.advance(...step.args);
      break;
    case 'release':
      book.release(...step.args);
      break;
    case 'end':
      book.end(...step.args);
      break;
    case 'completeIfDone':
      book.completeIfDone(...step.args);
      break;
  }
}
