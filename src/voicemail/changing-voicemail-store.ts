import {
  voicemailIdOf,
  type NewVoicemail,
  type Voicemail,
  type VoicemailFilter,
  type VoicemailRecording,
  type VoicemailStore,
  type VoicemailTranscription,
} from './voicemail.js';
import {
  doneVoicemail,
  recordedVoicemail,
  requestedVoicemail,
  transcribedVoicemail,
  type VoicemailChange,
} from './voicemail-changes.js';

/**
 * What both stores share: every change is "read the record, ask voicemail-changes.ts what it
 * becomes, keep that if it changed". A store says only how it does that atomically (`change`)
 * and how it reads.
 */
export abstract class ChangingVoicemailStore implements VoicemailStore {
  /** Reads the record, computes what it becomes, and keeps it when it changed, atomically. */
  protected abstract change<R extends VoicemailChange | undefined>(
    id: string,
    compute: (current: Voicemail | undefined) => R,
  ): Promise<R>;

  abstract get(id: string): Promise<Voicemail | undefined>;
  abstract list(filter?: VoicemailFilter): Promise<readonly Voicemail[]>;
  abstract close(): Promise<void>;

  async request(input: NewVoicemail): Promise<{ voicemail: Voicemail; created: boolean }> {
    const { voicemail, changed } = await this.change(voicemailIdOf(input.callerCallSid), (c) =>
      requestedVoicemail(c, input),
    );
    return { voicemail, created: changed };
  }

  saveRecording(
    input: NewVoicemail & { readonly recording: VoicemailRecording },
  ): Promise<VoicemailChange> {
    return this.change(voicemailIdOf(input.callerCallSid), (c) => recordedVoicemail(c, input));
  }

  async saveTranscription(
    id: string,
    transcription: VoicemailTranscription,
  ): Promise<Voicemail | undefined> {
    return (await this.change(id, (c) => transcribedVoicemail(c, transcription)))?.voicemail;
  }

  async markDone(id: string, at: number): Promise<Voicemail | undefined> {
    return (await this.change(id, (c) => doneVoicemail(c, at)))?.voicemail;
  }
}
