import type { Request, Response } from 'express';
import { sendTwiml } from '../http/send-twiml.js';
import { readWebhookParams } from '../twilio-webhook/params.js';
import { voicemailIdOf, type VoicemailTranscription } from '../voicemail/voicemail.js';
import type { VoiceDeps } from './deps.js';
import { buildEmptyTwiml } from './twiml.js';

/**
 * A transcription of up to 120 s of speech: a few thousand characters, more than the 512 the
 * other voice parameters are held to (the body itself stays under the webhooks' 16 KB).
 */
const TRANSCRIPTION_TEXT_LIMIT = 12_000;

/**
 * POST /voice/voicemail/transcription: the Record's transcribeCallback, some time after the
 * call. Kept on the call's voicemail (a repeat changes nothing); answered with an empty document.
 */
export function createVoicemailTranscriptionHandler(deps: Pick<VoiceDeps, 'clock' | 'voicemails'>) {
  return async (req: Request, res: Response): Promise<void> => {
    const params = readWebhookParams(req, { maxValueLength: TRANSCRIPTION_TEXT_LIMIT });
    const callSid = params.twilio('CallSid');
    const status = params.twilio('TranscriptionStatus');
    const about = {
      callSid,
      queue: params.own('queue'),
      recordingSid: params.twilio('RecordingSid'),
    };
    if (callSid === undefined || (status !== 'completed' && status !== 'failed')) {
      req.log.warn({ ...about, status }, 'transcription not understood; not kept');
      sendTwiml(res, buildEmptyTwiml());
      return;
    }
    const text = params.twilio('TranscriptionText');
    const transcription: VoicemailTranscription = {
      status,
      ...(status === 'completed' && text !== undefined ? { text } : {}),
      receivedAt: deps.clock.now(),
    };
    try {
      const voicemail = await deps.voicemails?.saveTranscription(
        voicemailIdOf(callSid),
        transcription,
      );
      if (voicemail === undefined)
        req.log.warn({ ...about, status }, 'transcription for no voicemail');
      else req.log.info({ ...about, voicemail: voicemail.id, status }, 'voicemail transcription');
    } catch (error) {
      req.log.error({ err: error, ...about }, 'could not keep a voicemail transcription');
    }
    sendTwiml(res, buildEmptyTwiml());
  };
}
