import type { Request, Response } from 'express';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { callbackPhrases, describeCallbackTime } from './announcement.js';
import { offersCallbacks } from './callback-place.js';
import {
  buildAskNumberTwiml,
  buildBackToHoldTwiml,
  buildCallbackTakenTwiml,
} from './callback-twiml.js';
import type { VoiceDeps } from './deps.js';
import { createQueueVoices } from './queue-voice.js';
import { defaultQueueMetadata } from '../metadata/queue-metadata.js';
import { resolveQueueName } from './queue-lookup.js';
import { absoluteUrl } from './urls.js';
import { requestVoicemail } from './voicemail-offer.js';
import { readWebhookParams, toCount } from '../twilio-webhook/params.js';
import { sendTwiml } from '../http/send-twiml.js';

/** Wrong numbers typed before the caller goes back to holding, their place kept. */
const NUMBER_TRIES = 2;

/** A number a caller can be called back on: valid for its country, in E.164. */
export function callbackNumber(raw: string | undefined): string | undefined {
  if (raw === undefined || !raw.startsWith('+')) return undefined;
  const parsed = parsePhoneNumberFromString(raw);
  return parsed?.isValid() === true ? parsed.number : undefined;
}

/** Epoch ms carried in our own URL. */
const toEpochMs = (value: string | undefined) =>
  value !== undefined && /^\d{1,15}$/.test(value) ? Number(value) : undefined;

/**
 * POST /voice/callback-offer: the offer's Gather action, on the caller's leg while they are still
 * in the queue. `step` absent: the key pressed at the offer (1: a callback; 2: a message, when
 * the queue takes them; anything else: back to holding). `step=number`: the number they typed.
 * A callback made here keeps the caller's place from `entered` (when they entered the queue),
 * and the caller leaves the queue.
 */
export function createCallbackOfferHandler(deps: VoiceDeps) {
  const { config } = deps;
  const voiceOf = createQueueVoices(config);
  const appVoice = voiceOf(defaultQueueMetadata(''));
  const url = (path: string, query: Record<string, string | number | undefined> = {}) =>
    absoluteUrl(config.publicBaseUrl, path, query);

  return async (req: Request, res: Response): Promise<void> => {
    const params = readWebhookParams(req);
    const queue = resolveQueueName({
      queues: config.queues,
      carried: params.own('queue'),
      queueSid: undefined,
      snapshot: undefined,
    });
    const waitUrl = url('/voice/wait', { queue: queue ?? params.own('queue') });
    const metadata = queue === undefined ? undefined : deps.metadata.get(queue);
    const callSid = params.twilio('CallSid');
    const enteredAt = toEpochMs(params.own('entered'));
    const voicemails = deps.voicemails;
    if (
      params.twilio('Digits') === '2' &&
      params.own('step') === undefined &&
      queue !== undefined &&
      metadata?.voicemailMaxSeconds !== undefined &&
      voicemails !== undefined &&
      callSid !== undefined
    ) {
      // 2: a message instead of holding (docs/voicemail.md), whatever became of the callbacks.
      const twiml = await requestVoicemail(
        { voicemails, clock: deps.clock },
        { queue, callSid, from: params.twilio('From'), say: voiceOf(metadata).say, waitUrl },
        req,
      );
      sendTwiml(res, twiml);
      return;
    }
    const callbacks = deps.callbacks;
    if (
      queue === undefined ||
      metadata === undefined ||
      callbacks === undefined ||
      !offersCallbacks(deps, metadata) ||
      callSid === undefined ||
      enteredAt === undefined
    ) {
      // Nothing to offer here (the offer was turned off meanwhile, or the URL is not ours).
      sendTwiml(res, buildBackToHoldTwiml({ say: appVoice.say, lines: [], waitUrl }));
      return;
    }
    const voice = voiceOf(metadata);
    const eta = toCount(params.own('eta'));
    const digits = params.twilio('Digits');
    const step = params.own('step');
    const tries = toCount(params.own('tries')) ?? 0;
    const askUrl = (triesSoFar: number) =>
      url('/voice/callback-offer', {
        queue,
        entered: enteredAt,
        eta,
        step: 'number',
        tries: triesSoFar,
      });

    let phone: string | undefined;
    if (step === 'number') {
      phone = digits === undefined ? undefined : callbackNumber(`+${digits}`);
      if (phone === undefined) {
        req.log.info({ callSid, queue, tries: tries + 1 }, 'callback number not usable');
        if (tries + 1 >= NUMBER_TRIES) {
          sendTwiml(
            res,
            buildBackToHoldTwiml({
              say: voice.say,
              lines: [callbackPhrases.badNumber, callbackPhrases.keepHolding],
              waitUrl,
            }),
          );
        } else {
          sendTwiml(
            res,
            buildAskNumberTwiml({
              say: voice.say,
              lines: [callbackPhrases.badNumber, callbackPhrases.askNumber],
              numberUrl: askUrl(tries + 1),
              waitUrl,
            }),
          );
        }
        return;
      }
    } else if (digits !== '1') {
      sendTwiml(res, buildBackToHoldTwiml({ say: voice.say, lines: [], waitUrl }));
      return;
    } else {
      // The caller ID when it is a number we can call; else they type one.
      phone = callbackNumber(params.twilio('From') ?? params.twilio('Caller'));
      if (phone === undefined) {
        sendTwiml(
          res,
          buildAskNumberTwiml({
            say: voice.say,
            lines: [callbackPhrases.askNumber],
            numberUrl: askUrl(0),
            waitUrl,
          }),
        );
        return;
      }
    }

    const { callback, created } = await callbacks.request({
      queue,
      phone,
      callerCallSid: callSid,
      enteredAt,
      requestedAt: deps.clock.now(),
    });
    req.log.info({ callSid, queue, callback: callback.id, created }, 'callback requested');
    sendTwiml(
      res,
      buildCallbackTakenTwiml({
        say: voice.say,
        lines: [
          callbackPhrases.taken(callback.phone, describeCallbackTime(eta, voice.wording.rounding)),
        ],
      }),
    );
  };
}
