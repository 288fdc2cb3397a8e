import type { Request, Response } from 'express';
import { sendTwiml } from '../http/send-twiml.js';
import { readWebhookParams } from '../twilio-webhook/params.js';
import type { VoiceDeps } from './deps.js';
import { buildEmptyTwiml } from './twiml.js';
import { saveRecordingFrom } from './voicemail-save.js';

/**
 * POST /voice/voicemail/recording: the Record's recordingStatusCallback, before or after its
 * action. `completed` is the moment the media is sure to be there, so it is kept (again: the
 * store changes nothing for a sid it has); `absent` (nothing said) and `failed` are only logged.
 * Nobody listens to the answer, which is always an empty document.
 */
export function createVoicemailRecordingHandler(
  deps: Pick<VoiceDeps, 'config' | 'clock' | 'voicemails'>,
) {
  return async (req: Request, res: Response): Promise<void> => {
    const params = readWebhookParams(req);
    const status = params.twilio('RecordingStatus');
    if (status === 'completed') {
      await saveRecordingFrom(deps, params, req);
    } else {
      req.log.warn(
        {
          callSid: params.twilio('CallSid'),
          queue: params.own('queue'),
          recordingSid: params.twilio('RecordingSid'),
          status,
          errorCode: params.twilio('ErrorCode'),
        },
        'voicemail recording not completed',
      );
    }
    sendTwiml(res, buildEmptyTwiml());
  };
}
