import type { Attempt, AttemptOutcome, AttemptState } from './attempt.js';
import type { CampaignExecution, CampaignStatus } from './campaign.js';
import type { Contact } from './contact.js';
import type { Disposition, QueueEvent } from './disposition.js';
import type { OutcomeCounts } from './outcome-hours.js';

/** Progress of one campaign, kept by the store as attempts move. */
export interface CampaignCounts {
  readonly total: number;
  /** Contacts still in the cache (due now or later). */
  readonly remaining: number;
  /** Attempts sent to Twilio (creates whose call exists or may exist). */
  readonly dialed: number;
  /** Attempts not ended. */
  readonly active: number;
  readonly answered: number;
  readonly connected: number;
  readonly abandoned: number;
  readonly machine: number;
  readonly failed: number;
  /** Contacts with no attempt left: reached, or out of attempts. */
  readonly finished: number;
}

export interface CampaignRecord {
  readonly execution: CampaignExecution;
  readonly status: CampaignStatus;
  readonly counts: CampaignCounts;
  /** What the runner last said of its pacing; absent until it says anything. */
  readonly pacingState?: PacingState;
}

/**
 * The runner's view of a campaign's pacing, for the API processes (in Redis mode, not the
 * runner's): calls in progress per rep working the campaign (VICIdial's dial level), null with
 * no rep, and when that was seen. A runner that stopped leaves it as it was: `at` says how old.
 */
export interface PacingState {
  readonly dialLevel: number | null;
  /** Epoch ms. */
  readonly at: number;
}

/** What ends an attempt: the outcome, and whether (and when) the contact is tried again. */
export interface AttemptEnd {
  readonly outcome: AttemptOutcome;
  readonly reason?: string;
  readonly callSid?: string;
  readonly callStatus?: string;
  /** Epoch ms the contact is due again; absent: this was its last attempt. */
  readonly retryAt?: number;
  readonly at: number;
}

/**
 * Every outbound state change, each atomic: the embedded store journals it under DATA_DIR
 * before it resolves, the Redis store runs it as one script. Callers never read-modify-write;
 * each change names the states it may start from and reports whether it happened.
 */
export interface CampaignStore {
  /** A new execution in `ready`, its contacts due at once. False: the id is taken. */
  create(execution: CampaignExecution, contacts: readonly Contact[]): Promise<boolean>;
  get(id: string): Promise<CampaignRecord | undefined>;
  list(): Promise<readonly CampaignRecord[]>;
  contact(campaignId: string, contactId: string): Promise<Contact | undefined>;
  /**
   * Moves the status if it is one of `from`, publishing `event` on the queue event stream in
   * the same step (so "complete" and "stopped" are published exactly once). Returns whether it moved.
   */
  setStatus(
    id: string,
    from: readonly CampaignStatus[],
    to: CampaignStatus,
    event: QueueEvent | undefined,
  ): Promise<boolean>;
  /**
   * Takes up to `max` contacts due at `now` from the cache, each as a new `claimed` attempt
   * (numbered after the contact's previous ones) in the active set. Only while `running`.
   */
  claim(id: string, max: number, now: number): Promise<readonly Attempt[]>;
  attempt(campaignId: string, attemptId: string): Promise<Attempt | undefined>;
  /** Attempts not ended (the active-call set), for pacing and reconciliation. */
  active(campaignId: string): Promise<readonly Attempt[]>;
  /** Compare-and-set: the attempt moves if it is in one of `from`; returns it after the move. */
  advance(
    campaignId: string,
    attemptId: string,
    from: readonly AttemptState[],
    patch: AttemptPatch,
  ): Promise<Attempt | undefined>;
  /**
   * The attempt never reached Twilio (claimed; a 429; reconciliation found no call): it is
   * forgotten and its contact is due again at `dueAt`.
   */
  release(
    campaignId: string,
    attemptId: string,
    from: readonly AttemptState[],
    dueAt: number,
  ): Promise<boolean>;
  /**
   * Ends the attempt (from any state but ended), publishes its one disposition on
   * `call_dispositions`, and puts the contact back in the cache when `end.retryAt` is set.
   */
  end(campaignId: string, attemptId: string, end: AttemptEnd): Promise<Disposition | undefined>;
  /**
   * `running` → `complete` when the cache is empty and no attempt is active, publishing
   * "complete" in the same step. Returns whether it completed now.
   */
  completeIfDone(id: string, at: number): Promise<boolean>;
  /**
   * The outcomes counted per hour (connected, abandoned, machine: the step that ends an attempt
   * counts it in the hour of its end), summed from the hour `since` falls in. Hours older than
   * OUTCOME_HOURS_KEPT before the newest are dropped.
   */
  outcomesSince(campaignId: string, since: number): Promise<OutcomeCounts>;
  /** Keeps the runner's latest pacing state (not journaled: a restarted runner writes it anew). */
  setPacingState(campaignId: string, state: PacingState): Promise<void>;
  /** Finds which attempt a call belongs to (so a call is never claimed by two attempts). */
  attemptOfCall(campaignId: string, callSid: string): Promise<string | undefined>;
  /** The published streams, oldest first (the API, tests and the embedded consumers read them). */
  dispositions(campaignId: string): Promise<readonly Disposition[]>;
  queueEvents(campaignId: string): Promise<readonly QueueEvent[]>;
  close(): Promise<void>;
}

/** The fields an advance may set; `state` is the new state. */
export type AttemptPatch = Pick<Attempt, 'state'> &
  Partial<
    Pick<
      Attempt,
      | 'dialedAt'
      | 'callSid'
      | 'callStatus'
      | 'answeredBy'
      | 'answeredAt'
      | 'connectedAt'
      | 'abandonedAt'
    >
  >;
