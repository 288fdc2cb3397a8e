import { callbackQueueName, type CallbackStore } from '../callbacks/callback.js';
import { callbacksAhead } from '../callbacks/due.js';
import type { QueueMetadata } from '../metadata/queue-metadata.js';
import type { LogSource, VoiceDeps } from './deps.js';

/** Whether this queue offers callbacks: a store to keep them, and the queue's threshold set. */
export function offersCallbacks(
  deps: Pick<VoiceDeps, 'callbacks'>,
  metadata: QueueMetadata | undefined,
): boolean {
  return deps.callbacks !== undefined && metadata?.callbackOfferSeconds !== undefined;
}

/** Where callbacks holding a place are read from (app.ts hands out one cached read a second). */
interface HoldingSource {
  readonly callbacks?: Pick<CallbackStore, 'holdingPlace'> | undefined;
}

/**
 * Counts, for each wait turn, the callbacks that keep a place ahead of the caller. A count a
 * second old is still right to the caller: their position is spoken at most every few seconds.
 * A store that cannot be read costs the caller the correction, never the turn.
 */
export function createCallbacksAhead(deps: HoldingSource) {
  return async (queue: string, enteredAt: number, source: LogSource): Promise<number> => {
    if (deps.callbacks === undefined) return 0;
    try {
      return callbacksAhead(await deps.callbacks.holdingPlace(queue), queue, enteredAt);
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
export function createCallbackRounds(deps: Pick<VoiceDeps, 'callbacks' | 'metadata'>) {
  return async (
    queues: readonly string[],
    source: LogSource,
  ): Promise<(queue: string) => string | undefined> => {
    const { callbacks } = deps;
    if (callbacks === undefined) return () => undefined;
    const beingDialed = async (queue: string): Promise<boolean> => {
      try {
        return (await callbacks.holdingPlace(queue)).some((c) => c.state === 'dialing');
      } catch (error) {
        source.log.warn({ err: error, queue }, 'could not read callbacks; round as the offer says');
        return false;
      }
    };
    const inRound = new Set<string>();
    for (const queue of queues) {
      if (offersCallbacks(deps, deps.metadata.get(queue)) || (await beingDialed(queue)))
        inRound.add(queue);
    }
    return (queue) => (inRound.has(queue) ? callbackQueueName(queue) : undefined);
  };
}
