import type { Callback } from '../callbacks/callback.js';
import { callbacksAhead } from '../callbacks/due.js';
import type { QueueMetadata } from '../metadata/queue-metadata.js';
import type { LogSource, VoiceDeps } from './deps.js';

/** How long one read of a queue's callbacks serves every wait turn of this process. */
export const CALLBACK_READ_MAX_AGE_MS = 1000;

/** Whether this queue offers callbacks: a store to keep them, and the queue's threshold set. */
export function offersCallbacks(
  deps: Pick<VoiceDeps, 'callbacks'>,
  metadata: QueueMetadata | undefined,
): boolean {
  return deps.callbacks !== undefined && metadata?.callbackOfferSeconds !== undefined;
}

/**
 * Counts, for each wait turn, the callbacks that keep a place ahead of the caller. One read of a
 * queue's callbacks serves every turn for CALLBACK_READ_MAX_AGE_MS: in Redis mode a turn would
 * otherwise cost a read of the whole hash, and hundreds of callers hold at once. A count a
 * second old is still right to the caller: their position is spoken at most every few seconds.
 * A store that cannot be read costs the caller the correction, never the turn.
 */
export function createCallbacksAhead(deps: Pick<VoiceDeps, 'callbacks' | 'clock'>) {
  const recent = new Map<string, { at: number; read: Promise<readonly Callback[]> }>();
  const readOf = (queue: string, now: number): Promise<readonly Callback[]> => {
    const held = recent.get(queue);
    if (held !== undefined && now - held.at >= 0 && now - held.at < CALLBACK_READ_MAX_AGE_MS)
      return held.read;
    const read = deps.callbacks?.holdingPlace(queue) ?? Promise.resolve([]);
    const entry = { at: now, read };
    recent.set(queue, entry);
    // A failed read is not kept: the next turn tries again.
    read.catch(() => {
      if (recent.get(queue) === entry) recent.delete(queue);
    });
    return read;
  };
  return async (queue: string, enteredAt: number, source: LogSource): Promise<number> => {
    if (deps.callbacks === undefined) return 0;
    try {
      return callbacksAhead(await readOf(queue, deps.clock.now()), queue, enteredAt);
    } catch (error) {
      source.log.warn({ err: error, queue }, 'could not read callbacks; position without them');
      return 0;
    }
  };
}
