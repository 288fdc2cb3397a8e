import type { Clock } from '../clock.js';
import { matches, type Callback, type CallbackStore } from './callback.js';

/** How long one read of the callbacks holding a place serves every reader in this process. */
export const CALLBACK_READ_MAX_AGE_MS = 1000;

/**
 * The store, with its callbacks holding a place read at most once per CALLBACK_READ_MAX_AGE_MS
 * for the whole process (every queue's wait turns, greetings, rep rounds and API views): in
 * Redis mode a read costs a round trip, and hundreds of callers hold at once. A count a second
 * old is still right to a caller, whose position is spoken at most every few seconds. A failed
 * read is not kept: the next one tries again. Changes go straight to the store.
 */
export function withRecentHolding(store: CallbackStore, clock: Clock): CallbackStore {
  let recent: { at: number; read: Promise<readonly Callback[]> } | undefined;
  const holdingEverywhere = (): Promise<readonly Callback[]> => {
    const now = clock.now();
    if (recent !== undefined && now - recent.at >= 0 && now - recent.at < CALLBACK_READ_MAX_AGE_MS)
      return recent.read;
    const entry = { at: now, read: store.holdingPlace() };
    recent = entry;
    entry.read.catch(() => {
      if (recent === entry) recent = undefined;
    });
    return entry.read;
  };
  return {
    request: (input) => store.request(input),
    get: (id) => store.get(id),
    list: (filter) => store.list(filter),
    move: (id, from, move) => store.move(id, from, move),
    close: () => store.close(),
    holdingPlace: async (queue) =>
      queue === undefined
        ? holdingEverywhere()
        : (await holdingEverywhere()).filter((c) => matches(c, { queue })),
  };
}
