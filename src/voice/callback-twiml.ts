import { hold, redirect, say, type HoldAudio, type SayOptions } from './twiml.js';
import { element, twimlDocument } from './xml.js';

/*
 * The callback offer's TwiML. Every document here is played from a wait URL (the Gather's
 * action keeps the caller in the queue), so each uses only what a wait URL allows: Say, Play,
 * Pause, Gather, Redirect, Leave.
 */

/** Seconds the offer waits for a key after it is said, before the hold audio goes on. */
export const OFFER_TIMEOUT_SECONDS = 3;
/** Seconds between two keys of a typed number. */
const NUMBER_TIMEOUT_SECONDS = 8;

/**
 * A wait turn that offers the callback: the announcement and the offer inside a one-key Gather
 * (a key pressed while they are said counts), then the hold audio and the next turn as usual.
 */
export function buildOfferWaitTwiml(input: {
  say: SayOptions;
  lines: readonly string[];
  hold: HoldAudio;
  offerUrl: string;
  redirectUrl: string;
}): string {
  const gather = element(
    'Gather',
    {
      numDigits: 1,
      action: input.offerUrl,
      method: 'POST',
      timeout: OFFER_TIMEOUT_SECONDS,
    },
    say(input.say, input.lines),
  );
  return twimlDocument(gather + hold(input.hold) + redirect(input.redirectUrl));
}

/** Asks for the number to call, ended by #; no answer goes back to holding. */
export function buildAskNumberTwiml(input: {
  say: SayOptions;
  lines: readonly string[];
  numberUrl: string;
  waitUrl: string;
}): string {
  const gather = element(
    'Gather',
    {
      numDigits: 15,
      finishOnKey: '#',
      action: input.numberUrl,
      method: 'POST',
      timeout: NUMBER_TIMEOUT_SECONDS,
    },
    say(input.say, input.lines),
  );
  return twimlDocument(gather + redirect(input.waitUrl));
}

/** The callback is taken: say so, and leave the queue (the Enqueue's action hears "leave"). */
export function buildCallbackTakenTwiml(input: { say: SayOptions; lines: readonly string[] }) {
  return twimlDocument(say(input.say, input.lines) + element('Leave'));
}

/** Back to holding, in the same place: a short word, then the next wait turn. */
export function buildBackToHoldTwiml(input: {
  say: SayOptions;
  lines: readonly string[];
  waitUrl: string;
}): string {
  return twimlDocument(say(input.say, input.lines) + redirect(input.waitUrl));
}
