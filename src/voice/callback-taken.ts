import type { Request } from 'express';
import type { VoiceDeps } from './deps.js';
import { recordDeparture } from './departures.js';

/**
 * A rep took a callback's callee from `queue`'s callback queue: the estimator learns it as one
 * more service of `queue` (outcome `callback-taken`, queue-learner.ts). The callback is the one
 * being dialed to the callee's number (`To` on the callee's leg). Not waited for: the bridge
 * is; a store that cannot say costs the estimator one sample.
 */
export function tellCallbackTaken(
  deps: Pick<VoiceDeps, 'callbacks' | 'events' | 'activity'>,
  taken: { queue: string; calleeCallSid: string; to: string | undefined; at: number },
  req: Request,
): void {
  const { callbacks } = deps;
  if (callbacks === undefined || taken.to === undefined) return;
  const work = async () => {
    const holding = await callbacks.holdingPlace(taken.queue);
    // Oldest place first: two callbacks dialed to one number at once (one caller's two calls) are
    // told apart by no parameter of the take, and either teaches the estimator the same service.
    const callback = holding.find((c) => c.phone === taken.to && c.state === 'dialing');
    if (callback === undefined) return;
    const event = {
      queue: taken.queue,
      outcome: 'callback-taken',
      waitSeconds: Math.max(0, Math.floor((taken.at - callback.requestedAt) / 1000)),
      at: taken.at,
      callSid: taken.calleeCallSid,
    } as const;
    await recordDeparture(deps, event, req);
  };
  void work().catch((error: unknown) => {
    req.log.warn({ err: error, queue: taken.queue }, 'callback take not learned');
  });
}
