/**
 * One survey per served call: scheduled by the call path when the bridged call ended, sent by
 * the process that owns REST work, answered by SMS. `sending` is the sender's claim: a survey
 * leaves `due` once, so a repeated claim or a second sender can never text it twice (a sender
 * that dies between its claim and Twilio's answer loses that survey; at most once, by design).
 */
export type SurveyStatus = 'due' | 'sending' | 'sent' | 'skipped' | 'failed';

export interface SurveyRecord {
  readonly callSid: string;
  readonly queue: string;
  /** The caller's number (E.164), where the survey goes. */
  readonly phone: string;
  /** The rep's leg that took the call (DequeingCallSid), when the take was reported. */
  readonly repCallSid?: string;
  readonly createdAt: number;
  /** Not sent before (the delay, then the end of the queue's quiet hours). */
  readonly dueAt: number;
  readonly status: SurveyStatus;
  /** Why it was skipped or failed (opted-out, rate-limited, disabled, or Twilio's error). */
  readonly reason?: string;
  readonly messageSid?: string;
  readonly sentAt?: number;
  /** The message's last status Twilio reported (queued, sent, delivered, undelivered…). */
  readonly delivery?: string;
  /** 1 to 5; the first score replied is the one that counts. */
  readonly score?: number;
  /** Every other reply, in order, one per line. */
  readonly comment?: string;
  readonly respondedAt?: number;
}

export type SurveySettlement =
  | { readonly status: 'sent'; readonly messageSid: string; readonly at: number }
  | { readonly status: 'skipped' | 'failed'; readonly reason: string; readonly at: number };

export interface SurveyReply {
  readonly score?: number;
  readonly comment?: string;
  readonly at: number;
}

/** A score as the satisfaction figures count it. */
export interface ScoredResponse {
  readonly score: number;
  readonly at: number;
}

/** How long a survey waits for its reply: a reply after this is not linked to any call. */
export const REPLY_WINDOW_MS = 7 * 86_400_000;

export interface SurveyStore {
  /** The rep who took the call, noted at the take (before the call ends and is scheduled). */
  noteTake(callSid: string, repCallSid: string, at: number): Promise<void>;
  /** False when the call has a survey already (a repeated delivery): one survey per call. */
  schedule(survey: {
    callSid: string;
    queue: string;
    phone: string;
    createdAt: number;
    dueAt: number;
  }): Promise<boolean>;
  get(callSid: string): Promise<SurveyRecord | undefined>;
  /** Moves up to `limit` surveys due by `now` to `sending` and returns them; each only once. */
  claimDue(now: number, limit: number): Promise<SurveyRecord[]>;
  /** The sender's outcome; `sent` makes the survey the one the number's replies answer. */
  settle(callSid: string, outcome: SurveySettlement): Promise<void>;
  /** A status callback of the survey's message. */
  noteDelivery(callSid: string, status: string): Promise<void>;
  /** The survey last sent to the number, within REPLY_WINDOW_MS of `now`. */
  latestSent(phone: string, now: number): Promise<SurveyRecord | undefined>;
  /** When the number was last sent a survey (the rate limit), if ever. */
  lastSentAt(phone: string): Promise<number | undefined>;
  /**
   * The rate limit per number, as one step: true (and the number is held for `intervalMs`) when
   * no survey was sent or held for it within `intervalMs` before `now`. Two senders asking at
   * once for the same number: one gets true.
   */
  reserveSend(phone: string, now: number, intervalMs: number): Promise<boolean>;
  /** Links a reply to its survey; a second score is kept as a comment. */
  respond(callSid: string, reply: SurveyReply): Promise<SurveyRecord | undefined>;
  /** The queue's scores answered since `since`. */
  responses(queue: string, since: number): Promise<ScoredResponse[]>;
  /** SMS opt-outs (STOP): true when the number was not opted out. */
  optOut(phone: string, at: number): Promise<boolean>;
  /** START: true when the number was opted out. */
  optIn(phone: string): Promise<boolean>;
  isOptedOut(phone: string): Promise<boolean>;
}
