import { randomBytes } from 'node:crypto';
import type { CallScheduler } from './call-scheduler.js';
import { createScriptedCaller, type CallerScript } from './caller-script.js';
import type { QueueVisit } from './queue-calls.js';
import type { TwimlPlayer } from './twiml-player.js';
import { HUNG_UP } from './voice-leg.js';

/** An inbound call the emulator placed into the app, playing whatever TwiML it is given. */
export interface InboundCall {
  readonly sid: string;
  /** Aborts when the call ends. */
  readonly gone: AbortSignal;
  /** The caller hangs up. */
  hangUp(): void;
}

/**
 * The voice side of the emulator (with `calls.playTwiml`): inbound calls it rings into the app
 * — a rep calling the rep line, whose voice URL is the rep loop — and what happened to every
 * caller in a queue, for measurements such as answer-to-rep time.
 */
export interface EmulatorVoice {
  /**
   * Rings `url` as Twilio does for a call to one of the account's numbers, and plays the
   * answer; `caller` scripts the keys the caller presses and the messages they leave.
   */
  callIn(call: {
    url: string;
    from: string;
    to: string;
    method?: 'GET' | 'POST';
    caller?: CallerScript;
  }): InboundCall;
  visits(): readonly QueueVisit[];
}

export function createEmulatorVoice(deps: {
  accountSid: string;
  scheduler: CallScheduler;
  player: TwimlPlayer;
  /** Cut when the emulator closes: every inbound call ends. */
  signal: AbortSignal;
}): EmulatorVoice {
  const { player } = deps;
  return {
    callIn({ url, from, to, method = 'POST', caller }) {
      const sid = `CA${randomBytes(16).toString('hex')}`;
      const gone = new AbortController();
      const hangUp = () => gone.abort(HUNG_UP);
      deps.signal.addEventListener('abort', hangUp, { once: true });
      gone.signal.addEventListener('abort', () => deps.signal.removeEventListener('abort', hangUp));
      const leg = {
        sid,
        params: {
          AccountSid: deps.accountSid,
          ApiVersion: '2010-04-01',
          CallSid: sid,
          CallStatus: 'in-progress',
          Called: to,
          Caller: from,
          Direction: 'inbound',
          From: from,
          To: to,
        },
        talkMs: undefined,
        startedAt: deps.scheduler.now(),
        gone: gone.signal,
        hangUp,
        caller: createScriptedCaller(caller),
      };
      void player.fetchTwiml(leg, url, method, {}).then((verbs) => player.playDocument(leg, verbs));
      return { sid, gone: gone.signal, hangUp };
    },
    visits: () => player.visits(),
  };
}
