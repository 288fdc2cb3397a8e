import type { WebhookParams } from '../twilio-webhook/params.js';
import { toCount } from '../twilio-webhook/params.js';
import type { LogSource, VoiceDeps } from './deps.js';
import { resolveQueueName } from './queue-lookup.js';
import { callerNumberOf } from './voicemail-offer.js';

/**
 * A recording as Twilio reports it, on the Record action or the recording status callback: both
 * carry RecordingSid, RecordingUrl and RecordingDuration, and either may come first. The queue
 * and the caller's number ride in our own URL (Twilio signs it); the status callback has no From.
 */
export async function saveRecordingFrom(
  deps: Pick<VoiceDeps, 'config' | 'clock' | 'voicemails'>,
  params: WebhookParams,
  source: LogSource,
): Promise<void> {
  const callSid = params.twilio('CallSid');
  const sid = params.twilio('RecordingSid');
  const url = params.twilio('RecordingUrl');
  const durationSeconds = toCount(params.twilio('RecordingDuration'));
  const queue = resolveQueueName({
    queues: deps.config.queues,
    carried: params.own('queue'),
    queueSid: undefined,
    snapshot: undefined,
  });
  const about = { callSid, queue: queue ?? params.own('queue'), recordingSid: sid };
  if (sid === undefined || url === undefined || callSid === undefined) {
    source.log.info(about, 'no recording in this request');
    return;
  }
  // Nothing was said: Twilio keeps no recording of it (its status callback says `absent`).
  if (durationSeconds === undefined || durationSeconds === 0) {
    source.log.info({ ...about, duration: params.twilio('RecordingDuration') }, 'empty recording');
    return;
  }
  if (queue === undefined || deps.voicemails === undefined) {
    source.log.error(about, 'recording for a queue or a store we do not have; not kept');
    return;
  }
  const from = callerNumberOf(params.own('from') ?? params.twilio('From'));
  try {
    const { voicemail, changed } = await deps.voicemails.saveRecording({
      queue,
      callerCallSid: callSid,
      ...(from === undefined ? {} : { from }),
      requestedAt: deps.clock.now(),
      recording: { sid, url, durationSeconds, receivedAt: deps.clock.now() },
    });
    source.log.info({ ...about, voicemail: voicemail.id, changed }, 'voicemail recording');
  } catch (error) {
    source.log.error({ err: error, ...about }, 'could not keep a voicemail recording');
  }
}
