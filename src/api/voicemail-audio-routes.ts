import type { Router } from 'express';
import type { Twilio } from 'twilio';
import { AppError, clipForMessage, storeCall } from '../errors.js';
import { voicemailParam } from './voicemail-routes.js';
import type { VoicemailStore } from '../voicemail/voicemail.js';

export interface VoicemailAudioRouteDeps {
  readonly voicemails: Pick<VoicemailStore, 'get'>;
  /**
   * The app's Twilio client: the official SDK over our HTTP client, which moves the request
   * onto TWILIO_API_BASE_URL (the emulator) and owns the retries.
   */
  readonly twilio: Pick<Twilio, 'request'>;
  /** How long a browser may keep the audio: a recording under one sid never changes. */
  readonly cacheSeconds?: number;
}

const DEFAULT_CACHE_SECONDS = 3600;
/** A Recording's media path on Twilio's REST API (no extension: the format is added). */
const RECORDING_PATH = /^\/2010-04-01\/Accounts\/AC[0-9a-fA-F]{32}\/Recordings\/RE[0-9a-fA-F]{32}$/;

interface SdkAnswer {
  readonly statusCode: number;
  readonly body: unknown;
}

/**
 * GET /voicemails/{id}/recording: the caller's message as MP3, fetched from Twilio with the
 * account's credentials (which a browser must never hold) and handed on. 404 for no such
 * voicemail, 409 while nothing is recorded, 502 when Twilio answers anything but the audio.
 */
export function addVoicemailAudioRoute(router: Router, deps: VoicemailAudioRouteDeps): void {
  const cacheSeconds = deps.cacheSeconds ?? DEFAULT_CACHE_SECONDS;
  router.get('/voicemails/:voicemail/recording', async (req, res) => {
    const id = voicemailParam(req);
    const voicemail = await storeCall('VOICEMAILS_UNAVAILABLE', () => deps.voicemails.get(id));
    if (voicemail === undefined) {
      throw new AppError('VOICEMAIL_NOT_FOUND', {
        message: `No voicemail "${clipForMessage(id)}"`,
      });
    }
    const recording = voicemail.recording;
    if (recording === undefined) {
      throw new AppError('VOICEMAIL_NOT_RECORDED', {
        message: 'Nothing has been recorded for this voicemail yet',
      });
    }
    const uri = `${mediaUrl(recording.url)}.mp3`;
    let answer: SdkAnswer;
    try {
      // Accept names audio: our HTTP client then reads the answer as bytes (a Buffer), where
      // the SDK's own would decode it as UTF-8 text.
      answer = (await deps.twilio.request({
        method: 'get',
        uri,
        headers: { Accept: 'audio/mpeg' },
      })) as SdkAnswer;
    } catch (error) {
      throw new AppError('RECORDING_UNAVAILABLE', { cause: error });
    }
    if (answer.statusCode !== 200 || !Buffer.isBuffer(answer.body)) {
      throw new AppError('RECORDING_UNAVAILABLE', {
        message: `Twilio answered ${answer.statusCode} for the recording ${recording.sid}`,
      });
    }
    req.log.debug({ voicemail: id, bytes: answer.body.length }, 'voicemail recording sent');
    res
      .status(200)
      .set('Content-Type', 'audio/mpeg')
      .set('Cache-Control', `private, max-age=${cacheSeconds}`)
      .send(answer.body);
  });
}

/**
 * The recording's URL as Twilio gave it, checked to be a Recording on a Twilio host over
 * HTTPS: the request carries the account's credentials, so it never goes anywhere else.
 */
function mediaUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new AppError('RECORDING_UNAVAILABLE', {
      message: 'The recording URL is not a URL',
      cause: error,
    });
  }
  const twilioHost = parsed.hostname === 'twilio.com' || parsed.hostname.endsWith('.twilio.com');
  if (parsed.protocol !== 'https:' || !twilioHost || !RECORDING_PATH.test(parsed.pathname)) {
    throw new AppError('RECORDING_UNAVAILABLE', {
      message: 'The recording URL is not a Twilio recording',
    });
  }
  return `${parsed.origin}${parsed.pathname}`;
}
