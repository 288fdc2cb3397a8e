import { callbackQueueName, type Callback, type CallbackStore } from '../callbacks/callback.js';
import type { Clock } from '../clock.js';
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

/** Where callbacks holding a place are read from, and the clock that ages a read. */
interface HoldingSource {
  readonly callbacks?: Pick<CallbackStore, 'holdingPlace'> | undefined;
  readonly clock: Clock;
}

/**
 * Reads a queue's callbacks still holding a place, one read serving every caller of this process
 * for CALLBACK_READ_MAX_AGE_MS: in Redis mode a read costs a round trip, and hundreds of callers
 * hold at once. A failed read is not kept: the next one tries again.
 */
export function createRecentHolding(deps: HoldingSource) {
  const recent = new Map<string, { at: number; read: Promise<readonly Callback[]> }>();
  return (queue: string): Promise<readonly Callback[]> => {
    const now = deps.clock.now();
    const held = recent.get(queue);
    if (held !== undefined && now - held.at >= 0 && now - held.at < CALLBACK_READ_MAX_AGE_MS)
      return held.read;
    const read = deps.callbacks?.holdingPlace(queue) ?? Promise.resolve([]);
    const entry = { at: now, read };
    recent.set(queue, entry);
    read.catch(() => {
      if (recent.get(queue) === entry) recent.delete(queue);
    });
    return read;
  };
}

/**
 * Counts, for each wait turn, the callbacks that keep a place ahead of the caller. A count a
 * second old is still right to the caller: their position is spoken at most every few seconds.
 * A store that cannot be read costs the caller the correction, never the turn.
 */
export function createCallbacksAhead(deps: HoldingSource) {
  const holdingOf = createRecentHolding(deps);
  return async (queue: string, enteredAt: number, source: LogSource): Promise<number> => {
    if (deps.callbacks === undefined) return 0;
    try {
      return callbacksAhead(await holdingOf(queue), queue, enteredAt);
    } catch (error) {
      source.log.warn({ err: error, queue }, 'could not read callbacks; position without them');
      return 0;
    }
  };
}

/**
 * The rep loop's callback queues: a queue's own (`<queue>-callbacks`) is in the round while the
 * queue offers callbacks, and also while any of its callbacks is being dialed — a supervisor who
 * turns the offer off must not strand a callee who answers after that in a queue no rep tries.
 * A store that cannot be read leaves the offer's setting to decide.
 */
export function createCallbackRounds(deps: Pick<VoiceDeps, 'callbacks' | 'clock' | 'metadata'>) {
  const holdingOf = createRecentHolding(deps);
  return async (
    queues: readonly string[],
    source: LogSource,
  ): Promise<(queue: string) => string | undefined> => {
    const { callbacks } = deps;
    if (callbacks === undefined) return () => undefined;
    const inRound = new Set<string>();
    for (const queue of queues) {
      if (offersCallbacks(deps, deps.metadata.get(queue))) inRound.add(queue);
      else if (await beingDialed(queue)) inRound.add(queue);
    }
    return (queue) => (inRound.has(queue) ? callbackQueueName(queue) : undefined);

    async function beingDialed(queue: string): Promise<boolean> {
      try {
        return (await holdingOf(queue)).some((callback) => callback.state === 'dialing');
      } catch (error) {
        source.log.warn({ err: error, queue }, 'could not read callbacks; round as the offer says');
        return false;
      }
    }
  };
}
