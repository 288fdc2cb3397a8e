import { randomBytes } from 'node:crypto';
import type { CallScheduler } from './call-scheduler.js';
import type { CallWebhook, HttpMethod } from './call-record.js';
import { sendSigned, type SignedRequest } from './call-webhooks.js';
import { rfc2822 } from './voice-resources.js';

/** From the end of a recording to its status callback: Twilio's processing, "a second or few". */
export const PROCESSING_MS = 2_000;
/** From the recording's completion to its transcription's callback. */
export const TRANSCRIPTION_MS = 5_000;
/** Twilio transcribes recordings of up to two minutes. */
export const TRANSCRIBE_LIMIT_SECONDS = 120;

export type RecordingStatus = 'processing' | 'completed' | 'absent';
/** Why a recording is absent: too short (hung up at once), or silent. */
export type AbsentCode = 16101 | 16102;

/** One recording a <Record> made (scheduler ms). Mutable, owned by this module. */
export interface RecordingRecord {
  readonly sid: string;
  /** Creation order, for paging. */
  readonly seq: number;
  readonly callSid: string;
  readonly startedAt: number;
  readonly endedAt: number;
  readonly durationSeconds: number;
  status: RecordingStatus;
  updatedAt: number;
  readonly errorCode: AbsentCode | null;
  /** Its recording status and transcription callbacks, as sent. */
  readonly callbacks: CallWebhook[];
}

export interface NewRecording {
  /** The leg's parameters (AccountSid, CallSid, From, To…). */
  readonly callParams: Readonly<Record<string, string>>;
  readonly startedAt: number;
  readonly durationSeconds: number;
  /** Set for an empty recording: no action is requested; the recording is absent. */
  readonly absent: AbsentCode | null;
  readonly statusCallback: {
    readonly url: string;
    readonly method: HttpMethod;
    readonly events: readonly string[];
  } | null;
  /** transcribe="true" with a transcribeCallback; text null: the transcription fails. */
  readonly transcription: { readonly url: string; readonly text: string | null } | null;
}

/** The recordings as tests read them. */
export interface EmulatorRecordings {
  list(): RecordingRecord[];
  get(sid: string): RecordingRecord | undefined;
  /** Twilio's RecordingUrl for it (no extension). */
  urlOf(sid: string): string;
}

export interface RecordingState extends EmulatorRecordings {
  /** Made when the recording ends; its processing and callbacks are scheduled. */
  add(input: NewRecording): RecordingRecord;
  /** Resolves once no callback is in flight; true when it had to wait for any. */
  settled(): Promise<boolean>;
}

export function createRecordingState(deps: {
  accountSid: string;
  authToken: string;
  scheduler: CallScheduler;
  /** Where RecordingUrl points: Twilio's API host, or the emulator itself. */
  apiBase: () => string;
  signal: AbortSignal;
}): RecordingState {
  const { accountSid, scheduler } = deps;
  const recordings = new Map<string, RecordingRecord>();
  const inFlight = new Set<Promise<unknown>>();
  /** Pending processing and transcription timers: cut when the emulator closes. */
  const timers = new Set<() => void>();
  deps.signal.addEventListener('abort', () => {
    for (const cancel of timers) cancel();
    timers.clear();
  });
  const later = (ms: number, run: () => void) => {
    const cancel = scheduler.after(ms, () => {
      timers.delete(cancel);
      if (!deps.signal.aborted) run();
    });
    timers.add(cancel);
  };
  let seq = 0;
  const urlOf = (sid: string) =>
    `${deps.apiBase()}/2010-04-01/Accounts/${accountSid}/Recordings/${sid}`;

  const send = (recording: RecordingRecord, request: SignedRequest) => {
    const sending = sendSigned(request, deps.authToken, deps.signal).then((webhook) => {
      recording.callbacks.push(webhook);
    });
    inFlight.add(sending);
    void sending.finally(() => inFlight.delete(sending));
  };

  const processed = (recording: RecordingRecord, input: NewRecording) => {
    recording.status = input.absent === null ? 'completed' : 'absent';
    recording.updatedAt = scheduler.now();
    const callback = input.statusCallback;
    if (callback !== null && callback.events.includes(recording.status)) {
      send(recording, {
        kind: 'recording-status',
        url: callback.url,
        method: callback.method,
        params: {
          AccountSid: accountSid,
          CallSid: recording.callSid,
          RecordingSid: recording.sid,
          RecordingUrl: urlOf(recording.sid),
          RecordingStatus: recording.status,
          RecordingDuration: String(recording.durationSeconds),
          RecordingChannels: '1',
          RecordingSource: 'RecordVerb',
          RecordingStartTime: rfc2822(recording.startedAt),
          ErrorCode: String(recording.errorCode ?? 0),
        },
      });
    }
    const transcription = input.transcription;
    if (
      recording.status !== 'completed' ||
      transcription === null ||
      recording.durationSeconds > TRANSCRIBE_LIMIT_SECONDS
    )
      return;
    later(TRANSCRIPTION_MS, () => {
      const transcriptionSid = `TR${randomBytes(16).toString('hex')}`;
      // With the call's standard parameters, as Twilio's <Record> callbacks carry them; not its
      // CallStatus, which was the call's while it recorded and is stale by now.
      const standard = Object.fromEntries(
        Object.entries(input.callParams).filter(([name]) => name !== 'CallStatus'),
      );
      send(recording, {
        kind: 'transcription',
        url: transcription.url,
        method: 'POST',
        params: {
          ...standard,
          TranscriptionSid: transcriptionSid,
          ...(transcription.text === null ? {} : { TranscriptionText: transcription.text }),
          TranscriptionStatus: transcription.text === null ? 'failed' : 'completed',
          TranscriptionUrl: `${deps.apiBase()}/2010-04-01/Accounts/${accountSid}/Transcriptions/${transcriptionSid}`,
          RecordingSid: recording.sid,
          RecordingUrl: urlOf(recording.sid),
          CallSid: recording.callSid,
          AccountSid: accountSid,
        },
      });
    });
  };

  return {
    add(input) {
      seq += 1;
      const now = scheduler.now();
      const recording: RecordingRecord = {
        sid: `RE${randomBytes(16).toString('hex')}`,
        seq,
        callSid: input.callParams.CallSid ?? '',
        startedAt: input.startedAt,
        endedAt: now,
        durationSeconds: input.durationSeconds,
        status: 'processing',
        updatedAt: now,
        errorCode: input.absent,
        callbacks: [],
      };
      recordings.set(recording.sid, recording);
      later(PROCESSING_MS, () => processed(recording, input));
      return recording;
    },
    list: () => [...recordings.values()],
    get: (sid) => recordings.get(sid),
    urlOf,
    async settled() {
      let waited = false;
      while (inFlight.size > 0) {
        waited = true;
        await Promise.allSettled([...inFlight]);
      }
      return waited;
    },
  };
}
