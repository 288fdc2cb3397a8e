import { element, escapeText, twimlDocument } from './xml.js';

/**
 * Pure TwiML builders: data in, XML string out. Verbs allowed in each document follow Twilio's
 * rules: a waitUrl document may only Say, Play, Pause, Redirect (plus Leave, Hangup, Gather,
 * unused here).
 */

export interface SayOptions {
  readonly voice: string;
  readonly language: string;
}

/** Hold audio: a `<Play>` of the configured music, else silence of a set length. */
export interface HoldAudio {
  readonly musicUrl: string | undefined;
  readonly pauseSeconds: number;
}

/** A `<Say>` of the lines, or nothing when there are none: the verbs every builder shares. */
export function say(options: SayOptions, lines: readonly string[]): string {
  if (lines.length === 0) return '';
  return element(
    'Say',
    { voice: options.voice, language: options.language },
    escapeText(lines.join(' ')),
  );
}

export function hold(audio: HoldAudio): string {
  return audio.musicUrl !== undefined
    ? element('Play', {}, escapeText(audio.musicUrl))
    : element('Pause', { length: audio.pauseSeconds });
}

export const redirect = (url: string) => element('Redirect', { method: 'POST' }, escapeText(url));

export function buildEnqueueTwiml(input: {
  say: SayOptions;
  lines: readonly string[];
  queue: string;
  waitUrl: string;
  actionUrl: string;
}): string {
  return twimlDocument(
    say(input.say, input.lines) +
      element(
        'Enqueue',
        { waitUrl: input.waitUrl, waitUrlMethod: 'POST', action: input.actionUrl, method: 'POST' },
        escapeText(input.queue),
      ),
  );
}

/** One turn of the hold loop; the Redirect carries what was announced into the next turn. */
export function buildWaitTwiml(input: {
  say: SayOptions;
  lines: readonly string[];
  hold: HoldAudio;
  redirectUrl: string;
}): string {
  return twimlDocument(
    say(input.say, input.lines) + hold(input.hold) + redirect(input.redirectUrl),
  );
}

export function buildSayAndHangupTwiml(input: {
  say: SayOptions;
  lines: readonly string[];
}): string {
  return twimlDocument(say(input.say, input.lines) + element('Hangup'));
}

/** An empty document: the call is already gone or elsewhere, there is nothing to do. */
export function buildEmptyTwiml(): string {
  return twimlDocument('');
}

/**
 * A rep's dial of one queue. `dequeuedUrl` is the <Queue url>, requested on the caller's leg at
 * the take: the only moment Twilio tells when a served caller's wait ended.
 */
export function buildRepDialTwiml(input: {
  queue: string;
  actionUrl: string;
  dequeuedUrl: string;
  timeoutSeconds: number;
}): string {
  return twimlDocument(
    element(
      'Dial',
      { timeout: input.timeoutSeconds, action: input.actionUrl, method: 'POST' },
      element('Queue', { url: input.dequeuedUrl, method: 'POST' }, escapeText(input.queue)),
    ),
  );
}

/** Every queue came up empty: rest the rep briefly instead of spinning 1-second dials. */
export function buildRepRestTwiml(input: { hold: HoldAudio; redirectUrl: string }): string {
  return twimlDocument(hold(input.hold) + redirect(input.redirectUrl));
}
