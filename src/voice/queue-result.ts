import type { Request, Response } from 'express';
import type { Metrics } from '../metrics/registry.js';
import type { QueueEvent, QueueEventLog, QueueOutcome } from '../wait-time/queue-events.js';
import { phrases } from './announcement.js';
import { sayOptions, type LogSource, type VoiceDeps } from './deps.js';
import { readWebhookParams, toCount } from './params.js';
import { resolveQueueName } from './queue-lookup.js';
import { buildEmptyTwiml, buildSayAndHangupTwiml } from './twiml.js';
import { sendTwiml } from './send-twiml.js';

/**
 * What each QueueResult means for the caller and for the estimator. `outcome` is what the
 * estimator learns (undefined: the caller never really waited, or we cannot tell); `reply` is
 * what the caller hears next, if anything — after a hangup or an outside redirect nobody is
 * listening to this document.
 */
type Reply = 'goodbye' | 'left' | 'queue-full' | 'system-error' | 'nothing';

// A Map, not an object literal: a QueueResult of "constructor" must not find Object.prototype.
const RESULTS: ReadonlyMap<string, { outcome: QueueOutcome | undefined; reply: Reply }> = new Map([
  ['bridged', { outcome: 'served', reply: 'goodbye' }],
  ['bridging-in-process', { outcome: 'served', reply: 'goodbye' }],
  ['redirected-from-bridged', { outcome: 'served', reply: 'nothing' }],
  ['hangup', { outcome: 'abandoned', reply: 'nothing' }],
  ['leave', { outcome: 'left', reply: 'left' }],
  ['redirected', { outcome: 'left', reply: 'nothing' }],
  ['queue-full', { outcome: undefined, reply: 'queue-full' }],
  ['error', { outcome: undefined, reply: 'system-error' }],
  ['system-error', { outcome: undefined, reply: 'system-error' }],
]);
const UNKNOWN_RESULT = { outcome: undefined, reply: 'system-error' } as const;

export function interpretQueueResult(result: string | undefined): {
  outcome: QueueOutcome | undefined;
  reply: Reply;
  known: boolean;
} {
  const entry = result === undefined ? undefined : RESULTS.get(result);
  return { ...(entry ?? UNKNOWN_RESULT), known: entry !== undefined };
}

/** POST /voice/queue-result: Enqueue's action, requested once when the caller leaves the queue. */
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
    'queue-full': sayAndHangUp(phrases.queueFull),
    'system-error': sayAndHangUp(phrases.systemError),
    nothing: buildEmptyTwiml(),
  };

  return async (req: Request, res: Response): Promise<void> => {
    const params = readWebhookParams(req);
    const result = params.twilio('QueueResult');
    const meaning = interpretQueueResult(result);
    const queue = resolveQueueName({
      queues: config.queues,
      carried: params.own('queue'),
      queueSid: params.twilio('QueueSid'),
      snapshot: params.twilio('QueueSid') === undefined ? undefined : deps.stats.currentSnapshot(),
    });
    const waitSeconds = toCount(params.twilio('QueueTime'));
    const callSid = params.twilio('CallSid');
    const logLine = { callSid, queue, result, waitSeconds };

    if (!meaning.known) req.log.warn(logLine, 'unknown QueueResult; treating it as a system error');
    else if (meaning.reply === 'queue-full')
      req.log.warn(logLine, 'queue full; caller turned away');
    else req.log.info(logLine, 'caller left the queue');

    if (meaning.outcome !== undefined && queue !== undefined && waitSeconds !== undefined) {
      const event = { queue, outcome: meaning.outcome, waitSeconds, at: deps.clock.now(), callSid };
      // Only a first delivery teaches the estimator: Twilio may repeat the request.
      if (await recordOrLog(deps.events, event, req)) deps.activity.callerLeft(event);
      else duplicates.inc();
    } else if (queue !== undefined) {
      deps.activity.callerDropped({ queue, callSid });
    }
    sendTwiml(res, replies[meaning.reply]);
  };
}

/**
 * A lost event costs the estimator one sample; it must never cost the caller their call. True
 * when the event is new; an event the log could not take still counts as new here, so this
 * process learns from it even when the shared log is down.
 */
async function recordOrLog(
  events: QueueEventLog,
  event: QueueEvent,
  source: LogSource,
): Promise<boolean> {
  try {
    const recorded = await events.record(event);
    if (!recorded) source.log.info({ callSid: event.callSid }, 'queue event already recorded');
    return recorded;
  } catch (error) {
    source.log.error({ err: error, event }, 'could not record queue event');
    return true;
  }
}
