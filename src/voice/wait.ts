import type { Request, Response } from 'express';
import {
  callbackPhrases,
  describeEstimate,
  describePosition,
  phrases,
  voicemailPhrases,
} from './announcement.js';
import { defaultQueueMetadata } from '../metadata/queue-metadata.js';
import { estimateOrUnknown, type VoiceDeps } from './deps.js';
import { createQueueVoices } from './queue-voice.js';
import { readWebhookParams, toCount } from '../twilio-webhook/params.js';
import { resolveQueueName } from './queue-lookup.js';
import { buildWaitTwiml } from './twiml.js';
import { buildOfferWaitTwiml } from './callback-twiml.js';
import { createCallbacksAhead, offersCallbacks } from './callback-place.js';
import { absoluteUrl } from './urls.js';
import { takesVoicemail } from './voicemail-offer.js';
import { sendTwiml } from '../http/send-twiml.js';

/**
 * What one turn of the hold loop says. Position is spoken when it changed; the estimate at most
 * once per interval (measured in Twilio's QueueTime, carried between turns in the Redirect URL);
 * when the interval is up and there is nothing to tell, a short reassurance instead.
 */
export function planWaitTurn(input: {
  position: number | undefined;
  queueTime: number | undefined;
  lastPosition: number | undefined;
  lastAnnouncedAt: number | undefined;
  minIntervalSeconds: number;
}): { announcePosition: boolean; announceEstimate: boolean; announcedAt: number | undefined } {
  // A carried mark ahead of QueueTime cannot be right (the caller re-entered a queue, or the URL
  // was tampered with); announcing again is the safe reading.
  const due =
    input.lastAnnouncedAt === undefined ||
    input.queueTime === undefined ||
    input.lastAnnouncedAt > input.queueTime ||
    input.queueTime - input.lastAnnouncedAt >= input.minIntervalSeconds;
  return {
    announcePosition: due || input.position !== input.lastPosition,
    announceEstimate: due,
    announcedAt: due ? input.queueTime : input.lastAnnouncedAt,
  };
}

/** POST /voice/wait: Enqueue's waitUrl, requested again each time the document ends. */
export function createWaitHandler(deps: VoiceDeps) {
  const { config } = deps;
  const voiceOf = createQueueVoices(config);
  // For a turn whose queue cannot be told (not ours, or no SID and no carried name).
  const appVoice = voiceOf(defaultQueueMetadata(''));
  const callbacksAheadOf = createCallbacksAhead(deps);
  return async (req: Request, res: Response): Promise<void> => {
    const params = readWebhookParams(req);
    const snapshot = deps.stats.currentSnapshot();
    const queue = resolveQueueName({
      queues: config.queues,
      carried: params.own('queue'),
      queueSid: params.twilio('QueueSid'),
      snapshot,
    });
    const metadata = queue === undefined ? undefined : deps.metadata.get(queue);
    const voice = metadata === undefined ? appVoice : voiceOf(metadata);
    // Twilio's count of the queue, as of now: it sets our own count right if it drifted.
    const size = toCount(params.twilio('CurrentQueueSize'));
    if (queue !== undefined && size !== undefined) {
      deps.activity.queueSizeObserved({ queue, size, at: deps.clock.now() });
    }

    const queueTime = toCount(params.twilio('QueueTime'));
    const now = deps.clock.now();
    const offering = queue !== undefined && offersCallbacks(deps, metadata);
    const enteredAt = queueTime === undefined ? undefined : now - queueTime * 1000;
    // Callbacks that entered before this caller keep their place ahead of them, whether or not
    // the queue still offers them (the greeting counts them the same way).
    const twilioPosition = toCount(params.twilio('QueuePosition'));
    const position =
      twilioPosition === undefined || queue === undefined || enteredAt === undefined
        ? twilioPosition
        : twilioPosition + (await callbacksAheadOf(queue, enteredAt, req));
    const turn = planWaitTurn({
      position,
      queueTime,
      lastPosition: toCount(params.own('position')),
      lastAnnouncedAt: toCount(params.own('announced')),
      minIntervalSeconds: voice.estimateMinIntervalSeconds,
    });

    const lines: string[] = [];
    const positionLine =
      turn.announcePosition && position !== undefined
        ? describePosition(position, voice.wording)
        : undefined;
    if (positionLine !== undefined) lines.push(positionLine);
    let offerSeconds: number | undefined;
    if (turn.announceEstimate) {
      const estimate =
        queue === undefined || position === undefined
          ? undefined
          : estimateOrUnknown(deps.estimator, { queue, position, snapshot }, req);
      const spoken = estimate === undefined ? undefined : describeEstimate(estimate, voice.wording);
      if (spoken !== undefined) lines.push(spoken);
      if (lines.length === 0) lines.push(phrases.stillHolding);
      const threshold = metadata?.callbackOfferSeconds;
      if (offering && threshold !== undefined && estimate?.kind === 'known') {
        if (estimate.seconds > threshold) offerSeconds = estimate.seconds;
      }
    }

    const redirectUrl = absoluteUrl(config.publicBaseUrl, '/voice/wait', {
      queue: queue ?? params.own('queue'),
      position,
      announced: turn.announcedAt,
    });
    if (offerSeconds === undefined || enteredAt === undefined || queue === undefined) {
      sendTwiml(res, buildWaitTwiml({ say: voice.say, lines, hold: voice.hold, redirectUrl }));
      return;
    }
    sendTwiml(
      res,
      buildOfferWaitTwiml({
        say: voice.say,
        lines: takesVoicemail(deps, metadata)
          ? [...lines, callbackPhrases.offer, voicemailPhrases.offer]
          : [...lines, callbackPhrases.offer],
        hold: voice.hold,
        offerUrl: absoluteUrl(config.publicBaseUrl, '/voice/callback-offer', {
          queue,
          entered: enteredAt,
          eta: Math.round(offerSeconds),
        }),
        redirectUrl,
      }),
    );
  };
}
