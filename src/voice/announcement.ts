import type { WaitEstimate } from '../wait-time/estimator.js';

/**
 * Every sentence a caller hears lives here, as pure functions. The policy follows what callers
 * and contact centres expect (Asterisk app_queue's announce options): position 1 is "next",
 * long queues are capped, times are rounded coarsely and never claim precision the estimate
 * does not have, and an unknown or stale estimate is simply not spoken.
 */

export interface WordingOptions {
  /** Positions above this are announced as "at least N callers ahead". */
  readonly positionCap: number;
  /** 'up' rounds every time upwards: callers forgive an early answer, not a late one. */
  readonly rounding: 'nearest' | 'up';
}

const ONE_HOUR_SECONDS = 3600;

export function describePosition(position: number, options: WordingOptions): string | undefined {
  if (!Number.isInteger(position) || position < 1) return undefined;
  if (position === 1) return 'You are next in line.';
  if (position > options.positionCap) {
    return options.positionCap === 1
      ? 'There is at least 1 caller ahead of you.'
      : `There are at least ${options.positionCap} callers ahead of you.`;
  }
  return `You are number ${position} in line.`;
}

/**
 * Under a minute: "less than a minute". Up to ten minutes: whole minutes. Up to an hour:
 * steps of five minutes ("about an hour" when that rounds to 60). From an hour: "more than
 * an hour".
 */
export function describeDuration(seconds: number, rounding: WordingOptions['rounding']): string {
  if (seconds >= ONE_HOUR_SECONDS) return 'more than an hour';
  const round = rounding === 'up' ? Math.ceil : Math.round;
  if (seconds < 60) return 'less than a minute';
  let minutes = round(seconds / 60);
  if (minutes > 10) minutes = Math.max(10, round(minutes / 5) * 5);
  if (minutes >= 60) return 'about an hour';
  return minutes === 1 ? 'about 1 minute' : `about ${minutes} minutes`;
}

export function describeEstimate(
  estimate: WaitEstimate,
  options: WordingOptions,
): string | undefined {
  if (estimate.kind !== 'known' || !Number.isFinite(estimate.seconds) || estimate.seconds < 0) {
    return undefined;
  }
  return `Your estimated wait is ${describeDuration(estimate.seconds, options.rounding)}.`;
}

/** A number read digit by digit ("1 4 1 5 …"): Say would read it as one large number. */
export function spokenNumber(phone: string): string {
  return phone.replace(/\D/g, '').split('').join(' ');
}

/** When the callback should come: the caller's own estimate when there is one. */
export function describeCallbackTime(
  seconds: number | undefined,
  rounding: WordingOptions['rounding'],
): string {
  if (seconds === undefined || !Number.isFinite(seconds) || seconds < 0)
    return 'when it is your turn';
  return `in ${describeDuration(seconds, rounding)}`;
}

export const callbackPhrases = {
  offer: 'To get a call back instead of holding, without losing your place in line, press 1.',
  askNumber:
    'Please enter the number we should call, starting with the country code, then press the pound key.',
  badNumber: 'Sorry, we could not use that number.',
  unavailable: 'Sorry, we cannot arrange a call back right now. You keep your place in line.',
  keepHolding: 'You keep your place in line. Please stay on the line.',
  taken: (phone: string, when: string) =>
    `Thank you. We will call you back at ${spokenNumber(phone)}, ${when}, and you keep your place in line. You can hang up now. Goodbye.`,
  /** After the caller left the queue for a callback (the Enqueue action's answer). */
  goodbye: 'We will call you back when it is your turn. Goodbye.',
} as const;

export const voicemailPhrases = {
  /** Said after the callback offer, in the same Gather. */
  offer: 'To leave a message, press 2.',
  unavailable: 'Sorry, we cannot take a message right now. You keep your place in line.',
  /** Before the tone; the caller has left the queue already. */
  prompt:
    'Please leave your message after the tone. When you are done, press the pound key, or simply hang up.',
  /** The recording ended with nothing in it (Twilio goes on past the Record). */
  nothingRecorded: 'We did not get a message. Thank you for calling. Goodbye.',
  thanks: 'Thank you. We have your message and will get back to you. Goodbye.',
} as const;

export const phrases = {
  greeting: 'Thank you for calling. All of our representatives are helping other callers.',
  pleaseHold: 'Please stay on the line and we will be with you as soon as we can.',
  stillHolding: 'Thank you for holding. Please stay on the line.',
  goodbye: 'Thank you for calling. Goodbye.',
  queueFull:
    'We are sorry, all of our lines are busy right now. Please call back a little later. Goodbye.',
  leftQueue: 'You have left the queue. Thank you for calling. Goodbye.',
  systemError:
    'We are sorry, we could not connect your call right now. Please call back a little later. Goodbye.',
  /** Heard only when something failed before we could decide anything about the call. */
  fallback:
    'We are sorry, something went wrong on our side. Please call back a little later. Goodbye.',
} as const;
