import type { Request, Response } from 'express';
import { createOpeningHours } from '../metadata/opening-hours.js';
import { describeEstimate, phrases } from './announcement.js';
import type { VoiceDeps } from './deps.js';
import { estimateForNewCaller } from './new-caller-estimate.js';
import { createCallbacksAhead } from './callback-place.js';
import { readWebhookParams } from '../twilio-webhook/params.js';
import { chooseCallerQueue } from './queue-choice.js';
import { createQueueVoices } from './queue-voice.js';
import { buildEnqueueTwiml, buildSayAndHangupTwiml } from './twiml.js';
import { absoluteUrl } from './urls.js';
import { sendTwiml } from '../http/send-twiml.js';

/**
 * POST /voice/incoming[?queue=NAME]: outside the queue's opening hours, its closed message and
 * goodbye; when it holds its maximum, busy and goodbye; else greet, announce the current
 * estimate if known, enqueue.
 */
export function createIncomingHandler(deps: VoiceDeps) {
  const { config } = deps;
  const voiceOf = createQueueVoices(config);
  const openingStatus = createOpeningHours();
  const callbacksAheadOf = createCallbacksAhead(deps);
  return async (req: Request, res: Response): Promise<void> => {
    const params = readWebhookParams(req);
    const choice = chooseCallerQueue(
      { requested: params.own('queue'), to: params.twilio('To'), from: params.twilio('From') },
      config,
    );
    if (choice.reason === 'unknown-requested') {
      req.log.warn(
        { requested: params.own('queue'), queue: choice.queue },
        'unknown queue requested; using the regular queue',
      );
    }
    const callSid = params.twilio('CallSid');
    const metadata = deps.metadata.get(choice.queue);
    const voice = voiceOf(metadata);
    const now = deps.clock.now();

    const hours = openingStatus(metadata, now);
    if (!hours.open) {
      req.log.info(
        { callSid, queue: choice.queue, nextOpenAt: hours.nextOpenAt },
        'caller turned away: queue closed',
      );
      sendTwiml(res, buildSayAndHangupTwiml({ say: voice.say, lines: [metadata.closedMessage] }));
      return;
    }

    // A new caller joins behind everyone waiting now (our own count, else the last poll's) and
    // every callback holding a place, as their first wait turn will count it.
    const { waiting, estimate: joining } = estimateForNewCaller({
      estimator: deps.estimator,
      activity: deps.activity,
      queue: choice.queue,
      snapshot: deps.stats.currentSnapshot(),
      callbacksAhead: await callbacksAheadOf(choice.queue, now, req),
      source: req,
    });
    if (metadata.maxQueueSize !== undefined && (waiting ?? 0) >= metadata.maxQueueSize) {
      req.log.warn(
        { callSid, queue: choice.queue, waiting, maxQueueSize: metadata.maxQueueSize },
        'caller turned away: queue full',
      );
      sendTwiml(res, buildSayAndHangupTwiml({ say: voice.say, lines: [phrases.queueFull] }));
      return;
    }

    const estimate = describeEstimate(joining, voice.wording);
    const lines = [
      phrases.greeting,
      ...(estimate === undefined ? [] : [estimate]),
      phrases.pleaseHold,
    ];

    req.log.info({ callSid, queue: choice.queue, reason: choice.reason }, 'caller enqueued');
    deps.activity.callerEntered({
      queue: choice.queue,
      at: now,
      callSid,
      // What they were told, so the accuracy of announcements can be held to their wait.
      ...(estimate !== undefined && joining.kind === 'known'
        ? { announcedSeconds: joining.seconds }
        : {}),
    });
    sendTwiml(
      res,
      buildEnqueueTwiml({
        say: voice.say,
        lines,
        queue: choice.queue,
        // announced=0 tells the first wait turn that the estimate was just spoken.
        waitUrl: absoluteUrl(config.publicBaseUrl, '/voice/wait', {
          queue: choice.queue,
          announced: estimate === undefined ? undefined : 0,
        }),
        actionUrl: absoluteUrl(config.publicBaseUrl, '/voice/queue-result', {
          queue: choice.queue,
        }),
      }),
    );
  };
}
