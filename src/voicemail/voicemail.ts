/**
 * A message a waiting caller left instead of holding (press 2 at the callback offer): the work a
 * supervisor picks up. One per call: its id comes from the caller's CallSid, so whatever Twilio
 * repeats (a Record action and a recording status callback for the same recording, a delivery
 * sent twice) lands on the same record.
 *
 * - `requested`: the caller pressed 2 and is being recorded; nothing has arrived yet.
 * - `new`: a recording arrived; nobody has dealt with it.
 * - `done`: a supervisor marked it handled (or cleared one in which nothing was recorded).
 */
export type VoicemailState = 'requested' | 'new' | 'done';

export const VOICEMAIL_STATES: readonly VoicemailState[] = ['requested', 'new', 'done'];

export interface VoicemailRecording {
  /** RE…: Twilio's id of the recording; the same sid again is the same recording. */
  readonly sid: string;
  /** Twilio's RecordingUrl (no extension: `.mp3` or `.wav` appended picks the format). */
  readonly url: string;
  readonly durationSeconds: number;
  /** Epoch ms the recording reached us. */
  readonly receivedAt: number;
}

export interface VoicemailTranscription {
  readonly status: 'completed' | 'failed';
  /** Present when completed. */
  readonly text?: string;
  /** Epoch ms it reached us. */
  readonly receivedAt: number;
}

export interface Voicemail {
  /** `vm-<CallSid>`. */
  readonly id: string;
  readonly queue: string;
  readonly callerCallSid: string;
  /** The caller's number as Twilio gave it (`From`); absent when withheld. */
  readonly from?: string;
  /** Epoch ms the caller asked to leave a message (or, if that was never seen, the recording's arrival). */
  readonly requestedAt: number;
  readonly state: VoicemailState;
  readonly recording?: VoicemailRecording;
  readonly transcription?: VoicemailTranscription;
  /** Epoch ms a supervisor marked it done. */
  readonly doneAt?: number;
}

export interface NewVoicemail {
  readonly queue: string;
  readonly callerCallSid: string;
  readonly from?: string;
  readonly requestedAt: number;
}

export interface VoicemailFilter {
  readonly queue?: string;
  readonly state?: VoicemailState;
}

/**
 * Where voicemails are kept (embedded: memory and a journal under DATA_DIR; Redis: one hash
 * shared by every process). Each change is atomic; none loses what an earlier one kept. A change
 * whose record would not read back (voicemail-schema.ts: a NaN duration, an empty queue name)
 * rejects, and nothing is kept.
 */
export interface VoicemailStore {
  /** The caller pressed 2: made now in `requested`, or the one this call already has. */
  request(input: NewVoicemail): Promise<{ voicemail: Voicemail; created: boolean }>;
  /**
   * A recording arrived (the Record action, or the recording status callback: whichever comes
   * first). Made here when the request was never kept (it loses nothing); a voicemail without a
   * recording becomes `new` with it (a `done` one too: it was cleared while nothing had come).
   * One that has its recording keeps it and its state. The same recording sid again changes nothing
   * (`changed: false`); a recording never replaces a different one already kept.
   */
  saveRecording(
    input: NewVoicemail & { readonly recording: VoicemailRecording },
  ): Promise<{ voicemail: Voicemail; changed: boolean }>;
  /**
   * The transcription arrived; undefined when no such voicemail (nothing is made). The first one
   * kept stays: a repeat, or any later one, changes nothing.
   */
  saveTranscription(
    id: string,
    transcription: VoicemailTranscription,
  ): Promise<Voicemail | undefined>;
  /**
   * A supervisor dealt with it: `new` or `requested` → `done` at `at` (a `requested` one is a
   * caller who left no message; a recording that still comes makes it `new` again). Already
   * done: returned as it is. Undefined when no such voicemail.
   */
  markDone(id: string, at: number): Promise<Voicemail | undefined>;
  get(id: string): Promise<Voicemail | undefined>;
  /** Newest first (requestedAt; the id, ascending, breaks ties). */
  list(filter?: VoicemailFilter): Promise<readonly Voicemail[]>;
  close(): Promise<void>;
}

export const voicemailIdOf = (callerCallSid: string): string => `vm-${callerCallSid}`;
