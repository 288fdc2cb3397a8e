import type { Request, Response } from 'express';
import type { Metrics } from '../metrics/registry.js';
import type { VoiceDeps } from './deps.js';
import { recordDeparture } from './departures.js';
import { readWebhookParams, toCount } from '../twilio-webhook/params.js';
import { resolveQueueName } from './queue-lookup.js';
import { buildEmptyTwiml } from './twiml.js';
import { sendTwiml } from '../http/send-twiml.js';
import { tellPresence } from './tell-presence.js';
import { callbackQueueName } from '../callbacks/callback.js';
import { tellCallbackTaken } from './callback-taken.js';

const NOTHING_TO_PLAY = buildEmptyTwiml();

/**
 * POST /voice/dequeued: the <Queue url> of a rep's dial. Twilio requests it on the caller's leg
 * at the moment a rep takes them, before bridging, with QueueTime and DequeingCallSid. This is
 * when the wait ended: the <Enqueue action> for a bridged caller comes only when the call ends,
 * minutes later. The answer is played to the caller before they are connected, so it is empty.
 */
export function createDequeuedHandler(
  deps: VoiceDeps & { metrics: Pick<Metrics, 'duplicatesDropped'> },
) {
  const { config } = deps;
  const duplicates = deps.metrics.duplicatesDropped.labels({ source: 'dequeued' });
  duplicates.inc(0); // the series exists from the start, so a first drop is a visible rise
  return async (req: Request, res: Response): Promise<void> => {
    const params = readWebhookParams(req);
    const queueSid = params.twilio('QueueSid');
    const queue = resolveQueueName({
      queues: config.queues,
      carried: params.own('queue'),
      queueSid,
      snapshot: queueSid === undefined ? undefined : deps.stats.currentSnapshot(),
    });
    const waitSeconds = toCount(params.twilio('QueueTime'));
    const callSid = params.twilio('CallSid');
    req.log.info(
      { callSid, queue, waitSeconds, rep: params.twilio('DequeingCallSid') },
      'caller taken by a rep',
    );
    const at = deps.clock.now();
    if (queue !== undefined && waitSeconds !== undefined) {
      const event = { queue, outcome: 'served', waitSeconds, at, callSid } as const;
      if (!(await recordDeparture(deps, event, req))) duplicates.inc();
    }
    // A callback queue's take is a callback's callee reached (its campaign's attempt), and to the
    // estimator one more service of the queue whose callback it is (callback-taken.ts).
    const carried = params.own('queue');
    const takenFrom =
      queue ?? config.queues.map(callbackQueueName).find((name) => name === carried);
    if (takenFrom !== undefined && callSid !== undefined)
      await deps.callerTaken?.({ callSid, queue: takenFrom, at });
    const callbacksOf =
      queue === undefined
        ? config.queues.find((q) => callbackQueueName(q) === takenFrom)
        : undefined;
    if (callbacksOf !== undefined && callSid !== undefined)
      tellCallbackTaken(
        deps,
        { queue: callbacksOf, calleeCallSid: callSid, to: params.twilio('To'), at },
        req,
      );
    // The rep is on a call from now on: a park they were in no longer makes them free, or the
    // dialer would call someone for a rep who cannot take them. Not waited for: the bridge is.
    const rep = params.twilio('DequeingCallSid');
    if (rep !== undefined && takenFrom !== undefined)
      tellPresence(req, deps.parking?.presence.leave(rep, takenFrom));
    // The survey sent once the call ends names the rep who took it. Not waited for either: the
    // call's end, which reads it, comes long after.
    if (rep !== undefined && callSid !== undefined && deps.servedCalls !== undefined) {
      void deps.servedCalls.callTaken({ callSid, repCallSid: rep, at }).catch((error: unknown) => {
        req.log.warn({ err: error, callSid }, 'survey: the take was not noted');
      });
    }
    sendTwiml(res, NOTHING_TO_PLAY);
  };
}
