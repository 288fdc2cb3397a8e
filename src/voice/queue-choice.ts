import { normalizePhoneNumber } from '../lib/phone-number.js';

export interface QueueRouting {
  /** Highest priority first; the first is premium, the last is regular. */
  readonly queues: readonly string[];
  readonly queueByNumber: ReadonlyMap<string, string>;
  readonly premiumCallers: ReadonlySet<string>;
}

export type QueueChoiceReason =
  'requested' | 'called-number' | 'premium-caller' | 'default' | 'unknown-requested';

export interface QueueChoice {
  readonly queue: string;
  readonly reason: QueueChoiceReason;
}

/**
 * Which queue a new caller joins: an explicit `?queue=` (from an IVR), else the number they
 * called, else whether the caller is on the premium list, else the regular (last) queue. An
 * unknown `?queue=` is a misconfigured IVR, not the caller's fault: they still get served.
 */
export function chooseCallerQueue(
  input: { requested: string | undefined; to: string | undefined; from: string | undefined },
  routing: QueueRouting,
): QueueChoice {
  const regular = routing.queues[routing.queues.length - 1] as string;
  const premium = routing.queues[0] as string;
  if (input.requested !== undefined) {
    return routing.queues.includes(input.requested)
      ? { queue: input.requested, reason: 'requested' }
      : { queue: regular, reason: 'unknown-requested' };
  }
  const calledQueue = routing.queueByNumber.get(normalizePhoneNumber(input.to) ?? '');
  if (calledQueue !== undefined) return { queue: calledQueue, reason: 'called-number' };
  const from = normalizePhoneNumber(input.from);
  if (from !== undefined && routing.premiumCallers.has(from)) {
    return { queue: premium, reason: 'premium-caller' };
  }
  return { queue: regular, reason: 'default' };
}
