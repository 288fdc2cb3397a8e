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

/**
 * A round tries every queue once, highest priority first. Anti-starvation may put a lower
 * queue (the `lead`) in front; the rest keep their order.
 */
export function planRound(queues: readonly string[], lead: string | undefined): string[] {
  if (lead === undefined || !queues.includes(lead)) return [...queues];
  return [lead, ...queues.filter((queue) => queue !== lead)];
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
}): RepStep {
  const startRound = (): RepStep => {
    const plan = planRound(input.queues, input.starved);
    return {
      kind: 'dial',
      queue: plan[0] as string,
      lead: plan[0] === input.queues[0] ? undefined : plan[0],
    };
  };
  if (input.result === undefined || SERVED_RESULTS.has(input.result) || input.tried === undefined) {
    return startRound();
  }
  const plan = planRound(input.queues, input.lead);
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
