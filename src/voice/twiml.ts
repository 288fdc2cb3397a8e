import twilio from 'twilio';

/**
 * Pure TwiML builders: data in, XML string out. The official SDK's builder does the escaping.
 * Verbs allowed in each document follow Twilio's rules: a waitUrl document may only Say, Play,
 * Pause, Redirect (plus Leave, Hangup, Gather, unused here).
 */

const { VoiceResponse } = twilio.twiml;

export interface SayOptions {
  readonly voice: string;
  readonly language: string;
}

/** Hold audio: a `<Play>` of the configured music, else silence of a set length. */
export interface HoldAudio {
  readonly musicUrl: string | undefined;
  readonly pauseSeconds: number;
}

type Response = InstanceType<typeof VoiceResponse>;

function say(response: Response, options: SayOptions, lines: readonly string[]): void {
  if (lines.length === 0) return;
  // The SDK types voice/language as unions of known values; ours come from configuration.
  response.say(
    { voice: options.voice, language: options.language } as Parameters<Response['say']>[0],
    lines.join(' '),
  );
}

function hold(response: Response, audio: HoldAudio): void {
  if (audio.musicUrl !== undefined) response.play({}, audio.musicUrl);
  else response.pause({ length: audio.pauseSeconds });
}

export function buildEnqueueTwiml(input: {
  say: SayOptions;
  lines: readonly string[];
  queue: string;
  waitUrl: string;
  actionUrl: string;
}): string {
  const response = new VoiceResponse();
  say(response, input.say, input.lines);
  response.enqueue(
    { waitUrl: input.waitUrl, waitUrlMethod: 'POST', action: input.actionUrl, method: 'POST' },
    input.queue,
  );
  return response.toString();
}

/** One turn of the hold loop; the Redirect carries what was announced into the next turn. */
export function buildWaitTwiml(input: {
  say: SayOptions;
  lines: readonly string[];
  hold: HoldAudio;
  redirectUrl: string;
}): string {
  const response = new VoiceResponse();
  say(response, input.say, input.lines);
  hold(response, input.hold);
  response.redirect({ method: 'POST' }, input.redirectUrl);
  return response.toString();
}

export function buildSayAndHangupTwiml(input: {
  say: SayOptions;
  lines: readonly string[];
}): string {
  const response = new VoiceResponse();
  say(response, input.say, input.lines);
  response.hangup();
  return response.toString();
}

/** An empty document: the call is already gone or elsewhere, there is nothing to do. */
export function buildEmptyTwiml(): string {
  return new VoiceResponse().toString();
}

export function buildRepDialTwiml(input: {
  queue: string;
  actionUrl: string;
  timeoutSeconds: number;
}): string {
  const response = new VoiceResponse();
  const dial = response.dial({
    timeout: input.timeoutSeconds,
    action: input.actionUrl,
    method: 'POST',
  });
  dial.queue({}, input.queue);
  return response.toString();
}

/** Every queue came up empty: rest the rep briefly instead of spinning 1-second dials. */
export function buildRepRestTwiml(input: { hold: HoldAudio; redirectUrl: string }): string {
  const response = new VoiceResponse();
  hold(response, input.hold);
  response.redirect({ method: 'POST' }, input.redirectUrl);
  return response.toString();
}
