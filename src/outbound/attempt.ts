/**
 * One try at one contact. It moves forward only, by compare-and-set, so that two processes (or a
 * process and its restarted self) can never both dial it:
 *   claimed  taken from the cache; nothing has been sent to Twilio
 *   dialing  the create was sent; its answer has not been seen (yet)
 *   unknown  the create's answer was lost: whether Twilio has the call is reconciled first
 *   live     Twilio has the call (its SID is known)
 *   ended    final: the outcome is recorded and one disposition was published
 * A claimed attempt, or one that reconciliation proves was never created, is released: the
 * contact goes back to the cache and the attempt never existed.
 */
export type AttemptState = 'claimed' | 'dialing' | 'unknown' | 'live' | 'ended';

/**
 * How an attempt ended. A person who answered was either connected to a rep or abandoned (not
 * connected within 2 s: they heard the campaign's message), which the abandonment cap counts.
 */
export type AttemptOutcome =
  | 'connected'
  | 'abandoned'
  | 'machine'
  | 'busy'
  | 'no-answer'
  | 'failed'
  | 'canceled'
  | 'do-not-call'
  | 'no-calling-hours';

export interface Attempt {
  /** `${contactId}#${sequence}`: never reused, even for an attempt released unsent. */
  readonly id: string;
  readonly campaignId: string;
  readonly contactId: string;
  readonly phone: string;
  /** 1 for the first try; a released attempt's number is used again. */
  readonly number: number;
  readonly state: AttemptState;
  readonly claimedAt: number;
  /** When the create was sent (epoch ms): reconciliation looks for calls from then on. */
  readonly dialedAt?: number;
  readonly callSid?: string;
  /** Twilio's last CallStatus, and whether a person (not a machine) answered. */
  readonly callStatus?: string;
  readonly answeredBy?: string;
  /** The callee was put in the campaign's queue; taken by a rep, or sent the message. */
  readonly answeredAt?: number;
  readonly connectedAt?: number;
  readonly abandonedAt?: number;
  readonly outcome?: AttemptOutcome;
  readonly reason?: string;
  readonly endedAt?: number;
}

export function attemptId(contactId: string, sequence: number): string {
  return `${contactId}#${sequence}`;
}

/** Attempts that may hold a call Twilio knows about (the execution's active-call set). */
export function isActive(attempt: Attempt): boolean {
  return attempt.state !== 'ended';
}
