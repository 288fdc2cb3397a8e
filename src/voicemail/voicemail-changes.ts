import {
  voicemailIdOf,
  type NewVoicemail,
  type Voicemail,
  type VoicemailFilter,
  type VoicemailRecording,
  type VoicemailTranscription,
} from './voicemail.js';

/*
 * How a voicemail changes, as every store computes it: each store reads the record, asks one of
 * these what it becomes, and writes the answer only when `changed` (the Redis store by a
 * compare-and-set, the embedded one in turn), so both keep exactly the same thing.
 */

/** What a change made of the record it read (`current`: undefined when there was none). */
export interface VoicemailChange {
  readonly voicemail: Voicemail;
  readonly changed: boolean;
}

/** A new record, as every store makes it: `requested`, nothing recorded yet. */
export function newVoicemail(input: NewVoicemail): Voicemail {
  return {
    id: voicemailIdOf(input.callerCallSid),
    queue: input.queue,
    callerCallSid: input.callerCallSid,
    ...(input.from === undefined ? {} : { from: input.from }),
    requestedAt: input.requestedAt,
    state: 'requested',
  };
}

/** The caller pressed 2: the record this call already has, else a new one. */
export function requestedVoicemail(
  current: Voicemail | undefined,
  input: NewVoicemail,
): VoicemailChange {
  return current === undefined
    ? { voicemail: newVoicemail(input), changed: true }
    : { voicemail: current, changed: false };
}

/**
 * A recording arrived. No record (the request was lost or never seen): one is made from the
 * recording's call, already `new`. The first recording kept stays: the same sid again is a
 * repeat, another sid for the same call is not allowed to replace what a supervisor may have
 * heard. A record without a recording becomes `new` with it, whatever it was: one cleared while
 * nothing had come (`done` from `requested`) is work again once something does.
 */
export function recordedVoicemail(
  current: Voicemail | undefined,
  input: NewVoicemail & { readonly recording: VoicemailRecording },
): VoicemailChange {
  const base = current ?? newVoicemail(input);
  if (base.recording !== undefined) return { voicemail: base, changed: false };
  return {
    voicemail: {
      ...base,
      state: 'new',
      recording: {
        sid: input.recording.sid,
        url: input.recording.url,
        durationSeconds: input.recording.durationSeconds,
        receivedAt: input.recording.receivedAt,
      },
    },
    changed: true,
  };
}

/**
 * The transcription arrived: kept on the record. The first one kept stays (Twilio's retries of
 * the callback carry the same one); undefined when there is no such voicemail.
 */
export function transcribedVoicemail(
  current: Voicemail | undefined,
  transcription: VoicemailTranscription,
): VoicemailChange | undefined {
  if (current === undefined) return undefined;
  if (current.transcription !== undefined) return { voicemail: current, changed: false };
  const kept: VoicemailTranscription =
    transcription.text === undefined
      ? { status: transcription.status, receivedAt: transcription.receivedAt }
      : {
          status: transcription.status,
          text: transcription.text,
          receivedAt: transcription.receivedAt,
        };
  return { voicemail: { ...current, transcription: kept }, changed: true };
}

/**
 * A supervisor dealt with it: `new` → `done` at `at`; `requested` too (a caller who hung up
 * before the tone leaves one nothing will ever fill; a recording that still comes reopens it).
 * Done already: returned as it is. Undefined when there is no such voicemail.
 */
export function doneVoicemail(
  current: Voicemail | undefined,
  at: number,
): VoicemailChange | undefined {
  if (current === undefined) return undefined;
  if (current.state === 'done') return { voicemail: current, changed: false };
  return { voicemail: { ...current, state: 'done', doneAt: at }, changed: true };
}

/** Newest first (requestedAt); the id breaks ties, ascending, so every process lists one order. */
export function byNewest(a: Voicemail, b: Voicemail): number {
  return b.requestedAt - a.requestedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function matchesVoicemail(
  voicemail: Voicemail,
  filter: VoicemailFilter | undefined,
): boolean {
  return (
    (filter?.queue === undefined || voicemail.queue === filter.queue) &&
    (filter?.state === undefined || voicemail.state === filter.state)
  );
}
