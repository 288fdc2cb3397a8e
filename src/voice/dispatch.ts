/**
 * The rep loop's decisions, as pure functions. A rep rings in, dials one queue with a short
 * timeout, and Twilio comes back with a DequeueResult: after a caller was served, start again at
 * the top; after an empty try, move down the priority list; after the last queue of a round came
 * up empty, rest briefly before the next round instead of spinning one-second dials.
 */

/** DequeueResult values that mean the rep just talked to a caller. */
const SERVED_RESULTS = new Set(['bridged', 'bridging-in-process']);

export type RepStep =
  | { readonly kind: 'dial'; readonly queue: string; readonly lead: string | undefined }
  | { readonly kind: 'rest' };

/** A queue's callback queue (where its answered callbacks wait), if it has one. */
export type CallbackQueueOf = (queue: string) => string | undefined;

const noCallbackQueues: CallbackQueueOf = () => undefined;

/**
 * A round tries every queue once, highest priority first. Anti-starvation may put a lower
 * queue (the `lead`) in front; the rest keep their order. A queue with callbacks is tried
 * right after its callback queue: an answered callback was dialed only once nobody who entered
 * before it was still waiting, so it goes before everyone in its queue and after every queue
 * above (premium callbacks, premium, regular callbacks, regular).
 */
export function planRound(
  queues: readonly string[],
  lead: string | undefined,
  callbackQueueOf: CallbackQueueOf = noCallbackQueues,
): string[] {
  const order =
    lead === undefined || !queues.includes(lead)
      ? queues
      : [lead, ...queues.filter((queue) => queue !== lead)];
  return order.flatMap((queue) => {
    const callbacks = callbackQueueOf(queue);
    return callbacks === undefined ? [queue] : [callbacks, queue];
  });
}

export function decideRepStep(input: {
  queues: readonly string[];
  /** DequeueResult; undefined on the rep's first call-in and after a rest. */
  result: string | undefined;
  /** The queue the last dial tried, if known. */
  tried: string | undefined;
  /** The lead of the round in progress (carried in the action URL). */
  lead: string | undefined;
  /** A queue whose oldest caller waited past the limit; only used when a round starts. */
  starved: string | undefined;
  callbackQueueOf?: CallbackQueueOf;
}): RepStep {
  const startRound = (): RepStep => {
    const { starved } = input;
    const lead =
      starved !== undefined && starved !== input.queues[0] && input.queues.includes(starved)
        ? starved
        : undefined;
    const plan = planRound(input.queues, lead, input.callbackQueueOf);
    return { kind: 'dial', queue: plan[0] as string, lead };
  };
  if (input.result === undefined || SERVED_RESULTS.has(input.result) || input.tried === undefined) {
    return startRound();
  }
  const plan = planRound(input.queues, input.lead, input.callbackQueueOf);
  const index = plan.indexOf(input.tried);
  if (index < 0) return startRound();
  const next = plan[index + 1];
  return next === undefined ? { kind: 'rest' } : { kind: 'dial', queue: next, lead: input.lead };
}

/**
 * Anti-starvation: the lower-priority queue whose oldest caller has waited longest, if that is
 * past the limit. `oldestWaitSeconds` answers from the stats cache (undefined = not known or
 * stale, which never triggers a jump).
 */
export function findStarvedQueue(
  queues: readonly string[],
  limitSeconds: number,
  oldestWaitSeconds: (queue: string) => number | undefined,
): string | undefined {
  if (limitSeconds <= 0) return undefined;
  let starved: string | undefined;
  let longest = limitSeconds;
  for (const queue of queues.slice(1)) {
    const wait = oldestWaitSeconds(queue);
    if (wait !== undefined && wait > longest) {
      starved = queue;
      longest = wait;
    }
  }
  return starved;
}
