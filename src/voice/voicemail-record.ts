import { TRANSCRIPTION_MAX_SECONDS } from '../metadata/queue-metadata.js';
import { voicemailIdOf, type Voicemail } from '../voicemail/voicemail.js';
import { voicemailPhrases } from './announcement.js';
import type { LogSource, VoiceDeps } from './deps.js';
import { createQueueVoices } from './queue-voice.js';
import { absoluteUrl } from './urls.js';
import { buildRecordMessageTwiml } from './voicemail-twiml.js';

/**
 * The length of a message whose queue stopped taking them after the caller pressed 2: they have
 * left the queue for it, so they are still heard out, for as long as Twilio still transcribes.
 */
const FALLBACK_MAX_SECONDS = TRANSCRIPTION_MAX_SECONDS;

/**
 * For the Enqueue action: the Record TwiML when this call left the queue to leave a message (its
 * voicemail is still `requested`), else undefined. A store that cannot say is taken as no: the
 * caller hears the plain leave's goodbye.
 */
export function createMessageRecorder(deps: Pick<VoiceDeps, 'config' | 'metadata' | 'voicemails'>) {
  const voiceOf = createQueueVoices(deps.config);
  const url = (path: string, voicemail: Voicemail) =>
    absoluteUrl(deps.config.publicBaseUrl, path, {
      queue: voicemail.queue,
      from: voicemail.from,
    });

  const twimlFor = (voicemail: Voicemail): string => {
    const metadata = deps.metadata.get(voicemail.queue);
    const maxSeconds = metadata.voicemailMaxSeconds ?? FALLBACK_MAX_SECONDS;
    const transcribed =
      metadata.voicemailTranscribe === true && maxSeconds <= TRANSCRIPTION_MAX_SECONDS;
    return buildRecordMessageTwiml({
      say: voiceOf(metadata).say,
      prompt: voicemailPhrases.prompt,
      nothingRecorded: voicemailPhrases.nothingRecorded,
      maxSeconds,
      actionUrl: url('/voice/voicemail/recorded', voicemail),
      statusUrl: url('/voice/voicemail/recording', voicemail),
      ...(transcribed
        ? { transcriptionUrl: url('/voice/voicemail/transcription', voicemail) }
        : {}),
    });
  };

  return async (callSid: string | undefined, source: LogSource): Promise<string | undefined> => {
    if (deps.voicemails === undefined || callSid === undefined) return undefined;
    let voicemail: Voicemail | undefined;
    try {
      voicemail = await deps.voicemails.get(voicemailIdOf(callSid));
    } catch (error) {
      source.log.warn(
        { err: error, callSid },
        'could not read voicemails; leave taken as a plain leave',
      );
      return undefined;
    }
    return voicemail?.state === 'requested' ? twimlFor(voicemail) : undefined;
  };
}
