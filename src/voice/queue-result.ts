import type { Request, Response } from 'express';
import type { Metrics } from '../metrics/registry.js';
import type { QueueOutcome } from '../wait-time/queue-events.js';
import { callbackPhrases, phrases } from './announcement.js';
import { callbackIdOf } from '../callbacks/callback.js';
import { sayOptions, type ServedCalls, type VoiceDeps } from './deps.js';
import { recordDeparture } from './departures.js';
import { readWebhookParams, toCount } from '../twilio-webhook/params.js';
import { resolveQueueName } from './queue-lookup.js';
import { buildEmptyTwiml, buildSayAndHangupTwiml } from './twiml.js';
import { sendTwiml } from '../http/send-twiml.js';
import { createMessageRecorder } from './voicemail-record.js';

/**
 * What each QueueResult means for the caller and for the estimator. `outcome` is what the
 * estimator learns (undefined: the caller never really waited, or we cannot tell); `afterCall`
 * marks a result Twilio requests only once the bridged call has ended, so its time is not when
 * the wait ended; `reply` is what the caller hears next, if anything — after a hangup or an
 * outside redirect nobody is listening to this document.
 */
type Reply = 'goodbye' | 'left' | 'callback' | 'queue-full' | 'system-error' | 'nothing';

interface Meaning {
  readonly outcome: QueueOutcome | undefined;
  readonly afterCall: boolean;
  readonly reply: Reply;
}

const meaning = (outcome: QueueOutcome | undefined, reply: Reply, afterCall = false): Meaning => ({
  outcome,
  afterCall,
  reply,
});

// A Map, not an object literal: a QueueResult of "constructor" must not find Object.prototype.
const RESULTS: ReadonlyMap<string, Meaning> = new Map([
  ['bridged', meaning('served', 'goodbye', true)],
  ['bridging-in-process', meaning('served', 'goodbye', true)],
  ['redirected-from-bridged', meaning('served', 'nothing', true)],
  ['hangup', meaning('abandoned', 'nothing')],
  ['leave', meaning('left', 'left')],
  ['redirected', meaning('left', 'nothing')],
  ['queue-full', meaning(undefined, 'queue-full')],
  ['error', meaning(undefined, 'system-error')],
  ['system-error', meaning(undefined, 'system-error')],
]);
const UNKNOWN_RESULT = meaning(undefined, 'system-error');
/** A leave after the callback offer's Leave: the caller keeps their place off the line. */
const CALLBACK_DEPARTURE = { ...meaning('callback', 'callback'), known: true };

export function interpretQueueResult(result: string | undefined): Meaning & { known: boolean } {
  const entry = result === undefined ? undefined : RESULTS.get(result);
  return { ...(entry ?? UNKNOWN_RESULT), known: entry !== undefined };
}

/** The bridged call ended: its survey is recorded as due (never sent from here). */
async function tellServed(
  deps: VoiceDeps,
  served: Parameters<ServedCalls['callServed']>[0],
  req: Request,
): Promise<void> {
  if (deps.servedCalls === undefined) return;
  try {
    const outcome = await deps.servedCalls.callServed(served);
    req.log.debug({ callSid: served.callSid, queue: served.queue, survey: outcome }, 'survey');
  } catch (error) {
    req.log.warn({ err: error, callSid: served.callSid }, 'survey not recorded; the call goes on');
  }
}

/**
 * POST /voice/queue-result: Enqueue's action, requested once the caller is out of the queue:
 * at once for a hang-up or a leave, but for a bridged caller only when the call ends. Such a
 * caller was normally recorded at the take (/voice/dequeued) and this only confirms it, so
 * only a repeated result of another kind counts as a duplicate delivery.
 */
export function createQueueResultHandler(
  deps: VoiceDeps & { metrics: Pick<Metrics, 'duplicatesDropped'> },
) {
  const { config } = deps;
  const duplicates = deps.metrics.duplicatesDropped.labels({ source: 'queue-result' });
  duplicates.inc(0); // the series exists from the start, so a first drop is a visible rise
  const say = sayOptions(config);
  const sayAndHangUp = (line: string) => buildSayAndHangupTwiml({ say, lines: [line] });
  const replies: Readonly<Record<Reply, string>> = {
    goodbye: sayAndHangUp(phrases.goodbye),
    left: sayAndHangUp(phrases.leftQueue),
    callback: sayAndHangUp(callbackPhrases.goodbye),
    'queue-full': sayAndHangUp(phrases.queueFull),
    'system-error': sayAndHangUp(phrases.systemError),
    nothing: buildEmptyTwiml(),
  };
  const recordMessageFor = createMessageRecorder(deps);

  return async (req: Request, res: Response): Promise<void> => {
    const params = readWebhookParams(req);
    const result = params.twilio('QueueResult');
    const callSid = params.twilio('CallSid');
    // A leave is for a callback, for a message, or plain: both stores are asked at once, so the
    // caller waits for one round trip, not two.
    const [callback, recorder] =
      result === 'leave'
        ? await Promise.all([tookCallback(deps, callSid, req), recordMessageFor(callSid, req)])
        : [false, undefined];
    const meaning = callback ? CALLBACK_DEPARTURE : interpretQueueResult(result);
    // A leave for a message (key 2 at the offer) is recorded as what it is, outcome `left`: the
    // caller stopped holding and keeps no place (unlike a callback), so for the estimator they
    // are one more caller who left before a rep took them. A message is work for later, not a
    // served call, and the caller may never be reached: counting it as served would flatter the
    // queue. Only what the caller hears next differs: the Record instead of the goodbye.
    const message = callback ? undefined : recorder;
    const queue = resolveQueueName({
      queues: config.queues,
      carried: params.own('queue'),
      queueSid: params.twilio('QueueSid'),
      snapshot: params.twilio('QueueSid') === undefined ? undefined : deps.stats.currentSnapshot(),
    });
    const waitSeconds = toCount(params.twilio('QueueTime'));
    const logLine = { callSid, queue, result, waitSeconds };

    if (!meaning.known) req.log.warn(logLine, 'unknown QueueResult; treating it as a system error');
    else if (meaning.reply === 'queue-full')
      req.log.warn(logLine, 'queue full; caller turned away');
    else req.log.info(logLine, 'caller left the queue');

    if (meaning.outcome !== undefined && queue !== undefined && waitSeconds !== undefined) {
      const at = deps.clock.now();
      const event = { queue, outcome: meaning.outcome, waitSeconds, at, callSid };
      const recorded = await recordDeparture(
        deps,
        meaning.afterCall ? { ...event, reportedAfterCall: true } : event,
        req,
      );
      if (!recorded && !meaning.afterCall) duplicates.inc();
    } else if (queue !== undefined) {
      deps.activity.callerDropped({ queue, callSid });
    }
    if (meaning.afterCall && queue !== undefined && callSid !== undefined)
      await tellServed(deps, { callSid, queue, from: params.twilio('From') }, req);
    sendTwiml(res, message ?? replies[meaning.reply]);
  };
}

/** Whether this call left the queue for a callback; a store that cannot say is taken as no. */
async function tookCallback(
  deps: Pick<VoiceDeps, 'callbacks'>,
  callSid: string | undefined,
  req: Request,
): Promise<boolean> {
  if (deps.callbacks === undefined || callSid === undefined) return false;
  try {
    return (await deps.callbacks.get(callbackIdOf(callSid))) !== undefined;
  } catch (error) {
    req.log.warn({ err: error, callSid }, 'could not read callbacks; leave taken as a plain leave');
    return false;
  }
}
