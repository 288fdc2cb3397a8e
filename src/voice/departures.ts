import type { QueueEvent } from '../wait-time/queue-events.js';
import type { LogSource, VoiceDeps } from './deps.js';

/**
 * A caller left a queue: recorded once in the event log, and only a first report teaches the
 * estimator. A served caller is reported twice by Twilio — at the take (the <Queue url> on the
 * rep's dial) and when the call ends (the <Enqueue action>) — and either may be repeated; the
 * log's once-per-CallSid check makes the first one count and the rest confirm.
 *
 * A lost event costs the estimator one sample; it must never cost the caller their call. An
 * event the log could not take still counts as new here, so this process learns from it even
 * when the log is down. In Redis mode the log answers at once and the check is made when the
 * outbox delivers the event (queue-event-outbox.ts): nothing here waits on Redis, and what the
 * caller hears never depends on whether the event was new.
 *
 * Returns whether this report was the first (always true in Redis mode, where the outbox's
 * script drops a repeat and logs it).
 */
export async function recordDeparture(
  deps: Pick<VoiceDeps, 'events' | 'activity'>,
  event: QueueEvent,
  source: LogSource,
): Promise<boolean> {
  let recorded: boolean;
  try {
    recorded = await deps.events.record(event);
  } catch (error) {
    source.log.error({ err: error, event }, 'could not record queue event');
    recorded = true;
  }
  if (recorded) deps.activity.callerLeft(event);
  else source.log.info({ callSid: event.callSid }, 'queue event already recorded');
  return recorded;
}
