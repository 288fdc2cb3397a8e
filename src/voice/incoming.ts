import type { Request, Response } from 'express';
import { findQueue } from '../stats/queue-stats.js';
import { describeEstimate, phrases } from './announcement.js';
import { estimateOrUnknown, sayOptions, wordingOptions, type VoiceDeps } from './deps.js';
import { readWebhookParams } from './params.js';
import { chooseCallerQueue } from './queue-choice.js';
import { buildEnqueueTwiml } from './twiml.js';
import { absoluteUrl } from './urls.js';
import { sendTwiml } from './send-twiml.js';

/** POST /voice/incoming[?queue=NAME]: greet, announce the current estimate if known, enqueue. */
export function createIncomingHandler(deps: VoiceDeps) {
  const { config } = deps;
  return (req: Request, res: Response): void => {
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

    // A new caller joins behind everyone waiting now: our own count, else the last poll's.
    const snapshot = deps.stats.currentSnapshot();
    const waiting =
      deps.activity.waiting(choice.queue) ?? findQueue(snapshot, choice.queue)?.waitingCallers;
    const estimate =
      waiting === undefined
        ? undefined
        : describeEstimate(
            estimateOrUnknown(
              deps.estimator,
              { queue: choice.queue, position: waiting + 1, snapshot },
              req,
            ),
            wordingOptions(config),
          );
    const lines = [
      phrases.greeting,
      ...(estimate === undefined ? [] : [estimate]),
      phrases.pleaseHold,
    ];

    const callSid = params.twilio('CallSid');
    req.log.info({ callSid, queue: choice.queue, reason: choice.reason }, 'caller enqueued');
    deps.activity.callerEntered({ queue: choice.queue, at: deps.clock.now(), callSid });
    sendTwiml(
      res,
      buildEnqueueTwiml({
        say: sayOptions(config),
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
