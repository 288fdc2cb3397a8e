import type { CallOutcome } from './call-options.js';

/** The Call resource's statuses (call_enum_status). */
export const CALL_STATUSES = [
  'queued',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'failed',
  'no-answer',
  'canceled',
] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const ENDED_STATUSES: ReadonlySet<CallStatus> = new Set([
  'completed',
  'busy',
  'failed',
  'no-answer',
  'canceled',
]);

export type StatusCallbackEvent = 'initiated' | 'ringing' | 'answered' | 'completed';
export type HttpMethod = 'GET' | 'POST';

/** What the create asked for, checked (call-form.ts). */
export interface CallRequest {
  readonly to: string;
  readonly from: string;
  /** Exactly one of url and twiml. */
  readonly url: string | null;
  readonly twiml: string | null;
  readonly method: HttpMethod;
  readonly statusCallback: string | null;
  readonly statusCallbackMethod: HttpMethod;
  readonly statusCallbackEvents: readonly StatusCallbackEvent[];
  readonly timeoutSeconds: number;
  readonly machineDetection: 'Enable' | 'DetectMessageEnd' | null;
  readonly asyncAmd: boolean;
  readonly asyncAmdStatusCallback: string | null;
  readonly asyncAmdStatusCallbackMethod: HttpMethod;
}

/** A webhook the emulator made for a call, as the tests read it back. */
export interface CallWebhook {
  /**
   * `twiml`: a request during the call whose answer is played (wait, action, redirect URLs);
   * `recording-status` and `transcription`: a <Record>'s recordingStatusCallback and
   * transcribeCallback.
   */
  readonly kind:
    'status-callback' | 'url' | 'amd-callback' | 'twiml' | 'recording-status' | 'transcription';
  readonly url: string;
  readonly method: HttpMethod;
  readonly params: Readonly<Record<string, string>>;
  /** The answer's status, or null when there was none. */
  readonly status: number | null;
  /** The answer's body for the Url request (the TwiML), else null. */
  readonly body: string | null;
}

/** One emulated call: mutable, owned by call-state.ts. Times are scheduler ms. */
export interface CallRecord {
  readonly sid: string;
  /** Creation order, for paging. */
  readonly seq: number;
  readonly request: CallRequest;
  /** What will happen when it is dialed (the mix, or a script for its To). */
  readonly outcome: CallOutcome;
  readonly createdAt: number;
  /** When it leaves the CPS queue: createdAt + queue time. */
  readonly dialAt: number;
  status: CallStatus;
  updatedAt: number;
  startedAt: number | null;
  answeredAt: number | null;
  endedAt: number | null;
  answeredBy: string | null;
  /** The TwiML the app answered to the Url (or the Twiml parameter). */
  twiml: string | null;
  /** Status callbacks sent so far (the next SequenceNumber). */
  sequence: number;
  readonly webhooks: CallWebhook[];
}

/** A TwiML method attribute as Twilio reads it: GET when it says so, else POST. */
export function httpMethod(method: string | undefined): HttpMethod {
  return method?.toUpperCase() === 'GET' ? 'GET' : 'POST';
}
