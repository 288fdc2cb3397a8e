import type { Request, Response } from 'express';
import { sendTwiml } from '../http/send-twiml.js';
import { readWebhookParams } from '../twilio-webhook/params.js';
import { voicemailPhrases } from './announcement.js';
import { sayOptions, type VoiceDeps } from './deps.js';
import { createQueueVoices } from './queue-voice.js';
import { buildEmptyTwiml, buildSayAndHangupTwiml } from './twiml.js';
import { saveRecordingFrom } from './voicemail-save.js';

/**
 * POST /voice/voicemail/recorded: the Record's action, once the message ended (#, silence, the
 * length, or the caller hanging up). The recording is kept from here already, so a status
 * callback that never comes loses nothing. `Digits=hangup`: the caller hung up mid-message;
 * Twilio still requests this, keeps what was recorded, and runs no TwiML.
 */
export function createVoicemailRecordedHandler(
  deps: Pick<VoiceDeps, 'config' | 'clock' | 'voicemails' | 'metadata'>,
) {
  const voiceOf = createQueueVoices(deps.config);
  const appSay = sayOptions(deps.config);
  return async (req: Request, res: Response): Promise<void> => {
    const params = readWebhookParams(req);
    await saveRecordingFrom(deps, params, req);
    if (params.twilio('Digits') === 'hangup') {
      sendTwiml(res, buildEmptyTwiml());
      return;
    }
    const queue = params.own('queue');
    const say =
      queue !== undefined && deps.config.queues.includes(queue)
        ? voiceOf(deps.metadata.get(queue)).say
        : appSay;
    sendTwiml(res, buildSayAndHangupTwiml({ say, lines: [voicemailPhrases.thanks] }));
  };
}
