import type { QueueMetadata } from '../metadata/queue-metadata.js';
import { voicemailPhrases } from './announcement.js';
import { buildBackToHoldTwiml } from './callback-twiml.js';
import type { LogSource, VoiceDeps } from './deps.js';
import type { SayOptions } from './twiml.js';
import { buildLeaveForMessageTwiml } from './voicemail-twiml.js';

/** Whether this queue takes messages: a store to keep them, and the queue's length set. */
export function takesVoicemail(
  deps: Pick<VoiceDeps, 'voicemails'>,
  metadata: QueueMetadata | undefined,
): boolean {
  return deps.voicemails !== undefined && metadata?.voicemailMaxSeconds !== undefined;
}

/**
 * The caller's number as Twilio gave it, kept only when it is one: a number or a SIP or client
 * address. Withheld numbers arrive as words ("anonymous", "Restricted"…), which are no one's.
 */
export function callerNumberOf(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  return /^\+?\d{3,15}$/.test(raw) || /^(?:sip|client):\S+$/.test(raw) ? raw : undefined;
}

/**
 * Key 2 at the offer: the voicemail is asked for (idempotent: a repeated Gather action finds the
 * same one) and the caller leaves the queue; the Enqueue action then plays the Record. A store
 * that fails leaves the caller holding in their place, as the callback path does.
 */
export async function requestVoicemail(
  deps: Pick<VoiceDeps, 'clock'> & { voicemails: NonNullable<VoiceDeps['voicemails']> },
  input: {
    queue: string;
    callSid: string;
    from: string | undefined;
    say: SayOptions;
    waitUrl: string;
  },
  source: LogSource,
): Promise<string> {
  const { queue, callSid } = input;
  const from = callerNumberOf(input.from);
  try {
    const { voicemail, created } = await deps.voicemails.request({
      queue,
      callerCallSid: callSid,
      ...(from === undefined ? {} : { from }),
      requestedAt: deps.clock.now(),
    });
    source.log.info({ callSid, queue, voicemail: voicemail.id, created }, 'voicemail requested');
    return buildLeaveForMessageTwiml();
  } catch (error) {
    source.log.error({ err: error, callSid, queue }, 'could not request a voicemail; back to hold');
    return buildBackToHoldTwiml({
      say: input.say,
      lines: [voicemailPhrases.unavailable],
      waitUrl: input.waitUrl,
    });
  }
}
