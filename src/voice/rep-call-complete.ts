import type { Request, Response } from 'express';
import type { VoiceDeps } from './deps.js';
import { decideRepStep, findStarvedQueue } from './dispatch.js';
import { readWebhookParams } from '../twilio-webhook/params.js';
import { oldestWaitNow, resolveQueueName } from './queue-lookup.js';
import { buildRepDialTwiml, buildRepRestTwiml } from './twiml.js';
import { absoluteUrl } from './urls.js';
import { sendTwiml } from '../http/send-twiml.js';
import { tellPresence } from './tell-presence.js';
import { createCallbackRounds } from './callback-place.js';

/**
 * How long each dial waits on an empty queue. One second keeps the rep moving down the list;
 * a caller who arrives meanwhile is found on the next try.
 */
export const REP_DIAL_TIMEOUT_SECONDS = 1;

/**
 * GET|POST /rep-call-complete: the rep's loop. Every answer is either a one-second dial of the
 * next queue (the action URL brings Twilio back here with DequeueResult) or, after a round in
 * which every queue was empty, a short rest before the next round. While a campaign runs, that
 * rest is a park instead: a long dial of the campaign's queue, so that a callee who answers
 * finds the rep already waiting (the 2-second rule); after it, a new round.
 */
export function createRepCallCompleteHandler(deps: VoiceDeps) {
  const { config } = deps;
  const actionUrl = (query: Record<string, string | undefined>) =>
    absoluteUrl(config.publicBaseUrl, '/rep-call-complete', query);
  const restTwiml = buildRepRestTwimlFor(config);
  const callbackRounds = createCallbackRounds(deps);

  return async (req: Request, res: Response): Promise<void> => {
    const params = readWebhookParams(req);
    const rep = params.twilio('CallSid');
    const parkedOn = params.own('parked');
    if (parkedOn !== undefined && rep !== undefined)
      tellPresence(req, deps.parking?.presence.leave(rep, parkedOn));
    // After a park, whatever its result, a new round starts at the top.
    const result = parkedOn === undefined ? params.twilio('DequeueResult') : undefined;
    const queueSid = params.twilio('QueueSid');
    const needsCache = queueSid !== undefined || config.reps.antiStarvationSeconds > 0;
    const snapshot = needsCache ? deps.stats.currentSnapshot() : undefined;
    const now = deps.clock.now();

    const callbackQueueOf = await callbackRounds(config.queues, req);
    const carried = params.own('queue');
    // A callback queue is ours too, though not in QUEUES (nor in the poller's directory).
    const triedCallbacks =
      carried !== undefined && config.queues.some((q) => callbackQueueOf(q) === carried)
        ? carried
        : undefined;
    const tried =
      triedCallbacks ?? resolveQueueName({ queues: config.queues, carried, queueSid, snapshot });
    const starved = findStarvedQueue(config.queues, config.reps.antiStarvationSeconds, (queue) =>
      oldestWaitNow(snapshot, queue, now, config.statsRefreshSeconds),
    );
    const step = decideRepStep({
      queues: config.queues,
      result,
      tried,
      lead: params.own('lead'),
      starved,
      callbackQueueOf,
    });

    req.log.info(
      {
        callSid: params.twilio('CallSid'),
        result,
        tried,
        next: step.kind === 'dial' ? step.queue : 'rest',
      },
      'rep step',
    );
    if (step.kind === 'rest') {
      const spot = rep === undefined ? undefined : await parkingSpot(deps, req, now);
      if (spot === undefined || rep === undefined) {
        sendTwiml(res, restTwiml);
        return;
      }
      tellPresence(req, deps.parking?.presence.park(rep, spot.queue, now + spot.seconds * 1000));
      sendTwiml(
        res,
        buildRepDialTwiml({
          queue: spot.queue,
          timeoutSeconds: spot.seconds,
          actionUrl: actionUrl({ queue: spot.queue, parked: spot.queue }),
          dequeuedUrl: absoluteUrl(config.publicBaseUrl, '/voice/dequeued', { queue: spot.queue }),
        }),
      );
      return;
    }
    sendTwiml(
      res,
      buildRepDialTwiml({
        queue: step.queue,
        timeoutSeconds: REP_DIAL_TIMEOUT_SECONDS,
        actionUrl: actionUrl({ queue: step.queue, lead: step.lead }),
        dequeuedUrl: absoluteUrl(config.publicBaseUrl, '/voice/dequeued', { queue: step.queue }),
      }),
    );
  };
}

/** Parking never holds up the rep: a failure to find a spot is a plain rest. */
async function parkingSpot(deps: VoiceDeps, req: Request, now: number) {
  try {
    return await deps.parking?.spot(now);
  } catch (error) {
    req.log.warn({ err: error }, 'could not look for a campaign to park on; resting');
    return undefined;
  }
}

/**
 * A rest, then a new round. Reps rest in silence: a music track would play its full length
 * (minutes), while the pause is meant to be a few seconds.
 */
export function buildRepRestTwimlFor(config: VoiceDeps['config']): string {
  return buildRepRestTwiml({
    hold: { musicUrl: undefined, pauseSeconds: config.reps.emptyRoundPauseSeconds },
    redirectUrl: absoluteUrl(config.publicBaseUrl, '/rep-call-complete'),
  });
}
