import type { CallScheduler } from './call-scheduler.js';
import { httpMethod } from './call-record.js';
import type { RecordedMessage } from './caller-script.js';
import { SILENT } from './caller-script.js';
import type { AbsentCode, RecordingState } from './recording-state.js';
import { numberAttribute, type TwimlVerb } from './twiml-document.js';
import { DONE, OVER, type Flow, type VerbPlayer } from './twiml-flow.js';
import { HUNG_UP, pause, type VoiceLeg } from './voice-leg.js';

/** How long the beep before a recording lasts. */
export const BEEP_MS = 500;
/** <Record>'s defaults: seconds of silence that end it, longest recording, keys that end it. */
const TIMEOUT_SECONDS = 5;
const MAX_LENGTH_SECONDS = 3600;
const FINISH_ON_KEYS = '1234567890*#';

/** How a recording ends, from the caller's message and the verb's limits (ms from its start). */
interface Ending {
  readonly atMs: number;
  readonly spokenMs: number;
  /** The key that ended it, or 'hangup'; absent when silence or maxLength did. */
  readonly digits?: string;
}

function endingOf(message: RecordedMessage, verb: TwimlVerb): Ending {
  const maxLength = numberAttribute(verb.attributes.maxLength, MAX_LENGTH_SECONDS);
  const maxMs = (maxLength === 0 ? MAX_LENGTH_SECONDS : maxLength) * 1000;
  const timeoutMs = numberAttribute(verb.attributes.timeout, TIMEOUT_SECONDS) * 1000;
  const finishOnKey = verb.attributes.finishOnKey ?? FINISH_ON_KEYS;
  const spokenMs = Math.max(0, message.seconds * 1000);
  if (spokenMs >= maxMs) return { atMs: maxMs, spokenMs: maxMs };
  const end = message.end ?? 'silence';
  if (end === 'hangup') return { atMs: spokenMs, spokenMs, digits: 'hangup' };
  if (end !== 'silence' && end.key !== '' && finishOnKey.includes(end.key)) {
    return { atMs: spokenMs, spokenMs, digits: end.key };
  }
  // Silence (or a key that does not end it): `timeout` seconds of it end the recording, which
  // Twilio then trims (trim-silence); timeout 0 turns the silence detection off.
  return { atMs: timeoutMs === 0 ? maxMs : Math.min(maxMs, spokenMs + timeoutMs), spokenMs };
}

/**
 * <Record> as Twilio runs it: the beep (playBeep), then the caller's message (their script,
 * else silence) until maxLength, a finishOnKey key, `timeout` seconds of silence or a hang-up.
 * A recording with sound in it requests the action (RecordingUrl, RecordingDuration,
 * RecordingSid, Digits) — after a hang-up too, its TwiML then not played — and the document
 * goes on with the action's answer; an empty one requests nothing and the next verb plays. The
 * recording status and transcription callbacks follow on their own (recording-state.ts).
 */
export async function playRecord(
  deps: {
    readonly scheduler: CallScheduler;
    readonly recordings: RecordingState;
    readonly player: VerbPlayer;
  },
  leg: VoiceLeg,
  verb: TwimlVerb,
  signal: AbortSignal,
): Promise<Flow> {
  const { scheduler } = deps;
  const { attributes } = verb;
  if (attributes.playBeep !== 'false' && !(await pause(scheduler, BEEP_MS, signal))) return OVER;
  const startedAt = scheduler.now();
  const message = leg.caller?.nextMessage() ?? SILENT;
  const ending = endingOf(message, verb);
  // A hang-up at the beep ends the recording then, not a scheduler turn later.
  const ran = ending.atMs <= 0 ? !signal.aborted : await pause(scheduler, ending.atMs, signal);
  if (ran && ending.digits === 'hangup') leg.hangUp();
  let { spokenMs, digits } = ending;
  if (!ran || leg.gone.aborted) {
    // The call ended while recording: what was said so far is kept when the caller hung up
    // (or the call was ended); a redirect or the emulator closing just stops it.
    if (leg.gone.reason !== HUNG_UP) return OVER;
    spokenMs = Math.min(spokenMs, scheduler.now() - startedAt);
    digits = 'hangup';
  }
  const durationSeconds = Math.round(spokenMs / 1000);
  const hungUp = digits === 'hangup';
  const absent: AbsentCode | null = durationSeconds > 0 ? null : hungUp ? 16101 : 16102;
  const recording = deps.recordings.add({
    callParams: leg.params,
    startedAt,
    durationSeconds,
    absent,
    statusCallback:
      attributes.recordingStatusCallback === undefined
        ? null
        : {
            url: attributes.recordingStatusCallback,
            method: httpMethod(attributes.recordingStatusCallbackMethod),
            events: (attributes.recordingStatusCallbackEvent ?? 'completed')
              .split(/[\s,]+/)
              .filter((event) => event !== ''),
          },
    transcription:
      attributes.transcribe === 'true' && attributes.transcribeCallback !== undefined
        ? { url: attributes.transcribeCallback, text: transcriptOf(message) }
        : null,
  });
  if (absent !== null) return hungUp ? OVER : DONE;
  const action = attributes.action;
  // Without an action Twilio requests the current document's URL again; the player does not
  // keep it, so it goes on with the next verb (holdline always names an action).
  if (action === undefined) return hungUp ? OVER : DONE;
  const verbs = await deps.player.fetchTwiml(leg, action, attributes.method, {
    ...(hungUp ? { CallStatus: 'completed' } : {}),
    RecordingUrl: deps.recordings.urlOf(recording.sid),
    RecordingDuration: String(durationSeconds),
    RecordingSid: recording.sid,
    ...(digits === undefined ? {} : { Digits: digits }),
  });
  return hungUp || leg.gone.aborted ? OVER : { kind: 'goto', verbs };
}

const DEFAULT_TRANSCRIPT = 'Hello, this is a message left on the emulator. Please call me back.';

function transcriptOf(message: RecordedMessage): string | null {
  return message.transcript === undefined ? DEFAULT_TRANSCRIPT : message.transcript;
}
