import path from 'node:path';
import type { Journal } from '../storage/journal.js';
import { openTypedJournal } from '../storage/typed-journal.js';
import type { Voicemail, VoicemailFilter } from './voicemail.js';
import { byNewest, matchesVoicemail, type VoicemailChange } from './voicemail-changes.js';
import { ChangingVoicemailStore } from './changing-voicemail-store.js';
import { keepable, voicemailSchema } from './voicemail-schema.js';

/**
 * Embedded mode's voicemails: in memory, each record journaled whole under DATA_DIR
 * (`voicemails/voicemails.jsonl`) before the change resolves; opening replays the journal, the
 * last line of each id winning. A voicemail changes a handful of times in its life (requested,
 * recorded, transcribed, done), so the journal is not compacted yet.
 */
export class FileVoicemailStore extends ChangingVoicemailStore {
  private readonly records = new Map<string, Voicemail>();
  /** Changes run one after another: each reads the record the one before it wrote. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly journal: Journal | undefined) {
    super();
  }

  /** `dataDir` undefined: memory only (tests, the simulator). */
  static async open(dataDir: string | undefined): Promise<FileVoicemailStore> {
    if (dataDir === undefined) return new FileVoicemailStore(undefined);
    const file = path.join(dataDir, 'voicemails', 'voicemails.jsonl');
    const { journal, entries } = await openTypedJournal(file, voicemailSchema, 'a voicemail');
    const store = new FileVoicemailStore(journal);
    for (const entry of entries) store.records.set(entry.id, entry);
    return store;
  }

  get(id: string): Promise<Voicemail | undefined> {
    return Promise.resolve(this.records.get(id));
  }

  list(filter?: VoicemailFilter): Promise<readonly Voicemail[]> {
    return Promise.resolve(
      [...this.records.values()].filter((v) => matchesVoicemail(v, filter)).sort(byNewest),
    );
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.journal?.close();
  }

  /** Reads, asks what the record becomes, and keeps it (on disk first) when it changed. */
  protected change<R extends VoicemailChange | undefined>(
    id: string,
    compute: (current: Voicemail | undefined) => R,
  ): Promise<R> {
    return this.serially(async () => {
      const result = compute(this.records.get(id));
      if (result?.changed === true) {
        // A change nobody could replay is never acted on; memory only refuses the same ones.
        const kept = keepable(result.voicemail);
        await this.journal?.append(kept);
        this.records.set(kept.id, kept);
      }
      return result;
    });
  }

  private serially<T>(change: () => Promise<T>): Promise<T> {
    const next = this.queue.then(change, change);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
