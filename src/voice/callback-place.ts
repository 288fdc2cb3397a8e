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

/**
 * How many callbacks keep a place ahead of a caller who entered at `enteredAt`. A store that
 * cannot be read costs the caller the correction, never the turn: they hear Twilio's position.
 */
export async function callbacksAheadOf(
  deps: Pick<VoiceDeps, 'callbacks'>,
  queue: string,
  enteredAt: number,
  source: LogSource,
): Promise<number> {
  if (deps.callbacks === undefined) return 0;
  try {
    return callbacksAhead(await deps.callbacks.list({ queue }), queue, enteredAt);
  } catch (error) {
    source.log.warn({ err: error, queue }, 'could not read callbacks; position without them');
    return 0;
  }
}
