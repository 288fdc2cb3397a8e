import { say, type SayOptions } from './twiml.js';
import { element, twimlDocument } from './xml.js';

/*
 * The voicemail's TwiML. The caller presses 2 in a wait URL's Gather, where <Record> is not
 * allowed (a wait URL plays only Say, Play, Pause, Gather, Redirect, Leave, Hangup): the Gather's
 * action answers <Leave/>, and the Record is played from the Enqueue action that Twilio requests
 * next, on the caller's own call outside the queue.
 */

/** Seconds of silence that end a message (Twilio's default is 5 too; said here so it is seen). */
export const MESSAGE_SILENCE_SECONDS = 5;

/** Out of the queue, towards the Enqueue action, which plays the Record. */
export function buildLeaveForMessageTwiml(): string {
  return twimlDocument(element('Leave'));
}

export interface RecordMessage {
  readonly say: SayOptions;
  readonly prompt: string;
  /** Said when the recording was empty: Twilio then requests no action and goes on here. */
  readonly nothingRecorded: string;
  readonly maxSeconds: number;
  /** The Record action (/voice/voicemail/recorded…). */
  readonly actionUrl: string;
  /** The recording status callback (/voice/voicemail/recording…). */
  readonly statusUrl: string;
  /** Present: the message is transcribed, and the text posted here. */
  readonly transcriptionUrl?: string;
}

/**
 * The prompt, the beep, the message (ended by #, silence, the caller hanging up, or the length),
 * then, for an empty one only, a goodbye. The status callback asks for `absent` too, so an
 * empty recording is logged rather than silently missing.
 */
export function buildRecordMessageTwiml(input: RecordMessage): string {
  const transcribe =
    input.transcriptionUrl === undefined
      ? {}
      : { transcribe: 'true', transcribeCallback: input.transcriptionUrl };
  const record = element('Record', {
    action: input.actionUrl,
    method: 'POST',
    maxLength: input.maxSeconds,
    finishOnKey: '#',
    playBeep: 'true',
    timeout: MESSAGE_SILENCE_SECONDS,
    recordingStatusCallback: input.statusUrl,
    recordingStatusCallbackMethod: 'POST',
    recordingStatusCallbackEvent: 'completed absent',
    ...transcribe,
  });
  return twimlDocument(
    say(input.say, [input.prompt]) +
      record +
      say(input.say, [input.nothingRecorded]) +
      element('Hangup'),
  );
}
