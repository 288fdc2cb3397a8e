import path from 'node:path';
import type { Journal } from '../storage/journal.js';
import { openTypedJournal } from '../storage/typed-journal.js';
import {
  byPlace,
  HOLDS_PLACE,
  callbackIdOf,
  matches,
  movedCallback,
  newCallback,
  type Callback,
  type CallbackFilter,
  type CallbackMove,
  type CallbackState,
  type CallbackStore,
  type NewCallback,
} from './callback.js';
import { callbackSchema } from './callback-schema.js';

/**
 * Embedded mode's callbacks: in memory, each record journaled whole under DATA_DIR
 * (`callbacks/callbacks.jsonl`) before the change resolves; opening replays the journal, the
 * last line of each id winning. Callbacks are few (callers who took the offer today), so the
 * journal is not compacted yet: it grows by one line per change.
 */
export class FileCallbackStore implements CallbackStore {
  private readonly records = new Map<string, Callback>();
  /** Changes of one id run one after another: a compare-and-set never reads a stale record. */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(private readonly journal: Journal | undefined) {}

  /** `dataDir` undefined: memory only (tests, the simulator). */
  static async open(dataDir: string | undefined): Promise<FileCallbackStore> {
    if (dataDir === undefined) return new FileCallbackStore(undefined);
    const file = path.join(dataDir, 'callbacks', 'callbacks.jsonl');
    const { journal, entries } = await openTypedJournal(file, callbackSchema, 'a callback');
    const store = new FileCallbackStore(journal);
    for (const entry of entries) store.records.set(entry.id, entry);
    return store;
  }

  request(input: NewCallback): Promise<{ callback: Callback; created: boolean }> {
    return this.serially(async () => {
      const existing = this.records.get(callbackIdOf(input.callerCallSid));
      if (existing !== undefined) return { callback: existing, created: false };
      const callback = newCallback(input);
      await this.write(callback);
      return { callback, created: true };
    });
  }

  get(id: string): Promise<Callback | undefined> {
    return Promise.resolve(this.records.get(id));
  }

  list(filter?: CallbackFilter): Promise<readonly Callback[]> {
    return Promise.resolve(
      [...this.records.values()].filter((c) => matches(c, filter)).sort(byPlace),
    );
  }

  holdingPlace(queue?: string): Promise<readonly Callback[]> {
    return Promise.resolve(
      [...this.records.values()]
        .filter((c) => HOLDS_PLACE.includes(c.state) && matches(c, { queue }))
        .sort(byPlace),
    );
  }

  move(
    id: string,
    from: readonly CallbackState[],
    move: CallbackMove,
  ): Promise<Callback | undefined> {
    return this.serially(async () => {
      const current = this.records.get(id);
      if (current === undefined || !from.includes(current.state)) return undefined;
      const moved = movedCallback(current, move);
      await this.write(moved);
      return moved;
    });
  }

  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    await this.journal?.close();
  }

  /** On disk first: a change nobody could replay is never acted on. */
  private async write(callback: Callback): Promise<void> {
    await this.journal?.append(callback);
    this.records.set(callback.id, callback);
  }

  private serially<T>(change: () => Promise<T>): Promise<T> {
    const next = this.queue.then(change, change);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
