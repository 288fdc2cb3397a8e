import type { HttpMethod } from './call-record.js';
import type { CallScheduler } from './call-scheduler.js';
import type { ScriptedCaller } from './caller-script.js';

/**
 * One call leg the emulator plays TwiML on: an answered outbound call (a callee) or an inbound
 * call the emulator places into the app (a rep ringing in). `gone` aborts when the leg ends, so
 * whatever it was doing (a pause, a wait in a queue) stops there.
 */
export interface VoiceLeg {
  readonly sid: string;
  /** The parameters of every request about the leg: AccountSid, CallSid, From, To, Direction… */
  readonly params: Readonly<Record<string, string>>;
  /** How long this party talks once bridged before hanging up; undefined: until the other does. */
  readonly talkMs: number | undefined;
  /** When the leg began to play TwiML (the answer), scheduler ms. */
  readonly startedAt: number;
  /**
   * Aborts when the leg's TwiML is over: the call ended (reason HUNG_UP) or a REST update gave
   * it new TwiML (REDIRECTED), which then plays on a new leg of the same call.
   */
  readonly gone: AbortSignal;
  /** What the caller keys and says (caller-script.ts); none: no keys, silence. */
  readonly caller?: ScriptedCaller;
  /** Ends the leg from the TwiML's side (<Hangup>, the end of the document). */
  hangUp(): void;
  /** Each TwiML request made on the leg, with its answer's status (null: none). */
  requested?(request: {
    url: string;
    method: HttpMethod;
    params: Record<string, string>;
    status: number | null;
  }): void;
}

/** Why a leg's `gone` aborted. */
export const HUNG_UP = 'hung-up';
export const REDIRECTED = 'redirected';

/** Waits `ms` on the scheduler; false when `signal` aborted first. */
export function pause(scheduler: CallScheduler, ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const stop = () => {
      cancel();
      resolve(false);
    };
    const cancel = scheduler.after(ms, () => {
      signal.removeEventListener('abort', stop);
      resolve(true);
    });
    signal.addEventListener('abort', stop, { once: true });
  });
}

/** Speech at about 150 words a minute: how long a <Say> holds the call. */
export function speakingMs(text: string): number {
  const words = text.split(/\s+/).filter((word) => word !== '').length;
  return Math.max(500, words * 400);
}

/** Runs `listener` once when `signal` aborts; the answer takes it off again. */
export function onAbort(signal: AbortSignal, listener: () => void): () => void {
  signal.addEventListener('abort', listener, { once: true });
  return () => signal.removeEventListener('abort', listener);
}

/** Resolves when either signal aborts, leaving no listener on the other. */
export function untilEither(a: AbortSignal, b: AbortSignal): Promise<void> {
  if (a.aborted || b.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      offA();
      offB();
      resolve();
    };
    const offA = onAbort(a, done);
    const offB = onAbort(b, done);
  });
}
