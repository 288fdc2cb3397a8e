/** Local wall-clock hours, `HH:MM`, in the callee's own time zone. */
export interface CallingWindow {
  readonly start: string;
  readonly end: string;
}

/**
 * Who places a campaign's calls: holdline (calls.create), or a team's Studio Flow, one
 * execution per attempt (`/v2/Flows/{flowSid}/Executions`), for teams whose flows place the calls.
 */
export type DialVia =
  { readonly kind: 'calls' } | { readonly kind: 'studio'; readonly flowSid: string };

/** How a campaign dials; defaults are in campaign-settings.ts. */
export interface CampaignSettings {
  /** The queue an answered callee is put in (reps take it ahead of inbound callers). */
  readonly targetQueue: string;
  /** The caller ID (E.164, a number on the account). */
  readonly callerId: string;
  /** Seconds a call rings before it is no-answer: at least 15 (the US and UK rules). */
  readonly ringTimeoutSeconds: number;
  /** Attempts per contact, the first included. */
  readonly maxAttempts: number;
  /** Seconds before a busy, no-answer or failed contact is called again. */
  readonly retryDelaySeconds: number;
  readonly callingWindow: CallingWindow;
  /** Where a number without its own zone is assumed to be when its country spans several. */
  readonly defaultCountry: string;
  /** Async answering-machine detection. */
  readonly machineDetection: boolean;
  /** A machine hears the message and the attempt ends, or the contact is called again. */
  readonly onMachine: 'message' | 'retry';
  /** Who is calling and how to call back or opt out: said when no rep is free in 2 s. */
  readonly message: string;
  /**
   * The key a person presses during the message to go on the opt-out list (the message should
   * say so). Absent in executions written before it existed: DEFAULT_OPT_OUT_DIGIT.
   */
  readonly optOutDigit?: string;
  /** Stop also cancels calls still queued or ringing. */
  readonly cancelRingingOnStop: boolean;
  /** Calls placed by holdline, or by a Studio Flow execution per contact. */
  readonly dialVia: DialVia;
  /**
   * Hours a number whose call was abandoned (by any campaign) is not called again: Ofcom's 72,
   * applied whatever the callee's country. 0 turns it off: only where the law allows and a rep
   * is guaranteed. Absent in executions written before it existed: DEFAULT_ABANDONED_COOLDOWN_HOURS.
   */
  readonly abandonedCooldownHours?: number;
  /**
   * Progressive (one call per rep free) or predictive (dials ahead within an abandonment
   * budget: `abandonTarget` of live answers, under the 3% cap). Absent in executions written
   * before it existed: progressive.
   */
  readonly pacing?: Pacing;
  /**
   * Set on the internal campaign that dials one caller's callback (docs/callbacks.md): it dials
   * its one contact as soon as it runs (no parked rep needed), and an answered callee says who
   * is calling and holds in `targetQueue` (the queue's callback queue) like any inbound caller,
   * instead of the 2-second deadline of a campaign's call.
   */
  readonly callback?: CallbackCampaign;
}

export interface CallbackCampaign {
  readonly queue: string;
  readonly callbackId: string;
}

export interface Pacing {
  readonly mode: 'progressive' | 'predictive';
  /** The share of live answers a predictive campaign may abandon: at most ABANDON_CAP. */
  readonly abandonTarget: number;
  /**
   * The rule whose window the rate is counted over: `us` 30 days, `uk` 24 hours (rolling).
   * Absent in executions written before it existed: `us`.
   */
  readonly abandonRule?: AbandonRule;
  /**
   * The share of AMD's machine verdicts that were people (0..1): under the UK rule they count
   * as abandoned live answers. Required there when machine detection is on.
   */
  readonly amdFalsePositiveRate?: number;
}

export type AbandonRule = 'us' | 'uk';

/** The US (FCC/TSR) and UK (Ofcom) rule: a person who answers reaches a rep within 2 s. */
export const CONNECT_DEADLINE_SECONDS = 2;

/** The legal cap: 3% of live answers abandoned (the US over 30 days, the UK over 24 hours). */
export const ABANDON_CAP = 0.03;

export const DEFAULT_OPT_OUT_DIGIT = '9';
export const DEFAULT_ABANDONED_COOLDOWN_HOURS = 72;

/**
 * A campaign execution as the original design's campaign manager writes it
 * (`campaign_execution:ID`): what to dial and how. Its contacts live in the execution's cache.
 */
export interface CampaignExecution {
  readonly id: string;
  readonly name: string;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly settings: CampaignSettings;
}

/**
 * ready → running ⇄ paused → stopped; running → complete once the cache is empty and no call is
 * active. `complete` and `stopped` are final.
 */
export type CampaignStatus = 'ready' | 'running' | 'paused' | 'stopped' | 'complete';

export type ControlCommand = 'start' | 'pause' | 'resume' | 'stop';
