import type { CallbackState } from '../callbacks/callback.js';
import type { CallerRecord } from './call-center-result.js';

/** What became of one callback. Times are virtual ms. */
export interface CallbackOutcome {
  readonly id: string;
  /** The caller arrived after the warm-up. */
  readonly reported: boolean;
  /** Its place: when the caller entered the queue. */
  readonly enteredAt: number;
  /** When the caller took the offer (and heard the promise). */
  readonly offeredAt: number;
  /** Each predictor's estimate at the offer, in seconds; holdline's is what the caller heard. */
  readonly promised: Readonly<Record<string, number | undefined>>;
  /** When each call was dialed. */
  readonly dials: readonly number[];
  readonly answeredAt: number | undefined;
  /** `connected`, `failed`, or still `waiting`/`dialing` if the run ended first. */
  readonly state: CallbackState;
}

/**
 * Something starts: an agent takes a caller from the line, a callback is dialed (by an agent
 * held for it, or with none as the product dials), or an agent takes an answered callee from the
 * callback queue.
 */
export interface AgentStart {
  readonly kind: 'caller' | 'dial' | 'callee';
  /** The caller's callSid, or the callback's id. */
  readonly id: string;
  readonly enteredAt: number;
  readonly at: number;
}

/** Counts over the reported callers (arrived after the warm-up). */
export interface CallbackCounts {
  readonly arrived: number;
  readonly waited: number;
  readonly offered: number;
  readonly tookCallback: number;
  readonly abandoned: number;
}

export interface CallbackCenterResult {
  /**
   * Reported callers who had to wait and stayed on hold (took no callback), with the truth
   * (their wait had they kept holding), in arrival order.
   */
  readonly callers: readonly CallerRecord[];
  /** Every callback taken, reported or not, in the order taken. */
  readonly callbacks: readonly CallbackOutcome[];
  /** Every agent start, in time order. */
  readonly starts: readonly AgentStart[];
  readonly counts: CallbackCounts;
  readonly endedAt: number;
}
