import { buildSayAndHangupTwiml, type SayOptions } from '../voice/twiml.js';
import { element, escapeText, twimlDocument } from '../voice/xml.js';

/**
 * A person picked up: into the campaign's queue at once, where a free rep takes them. The wait
 * URL gives the reps two seconds, the legal limit, before the callee hears who called.
 */
export function buildCalleeEnqueueTwiml(input: {
  queue: string;
  waitUrl: string;
  actionUrl: string;
}): string {
  return twimlDocument(
    element(
      'Enqueue',
      { waitUrl: input.waitUrl, waitUrlMethod: 'POST', action: input.actionUrl, method: 'POST' },
      escapeText(input.queue),
    ),
  );
}

/**
 * The callee's wait: a rep who takes them within the pause cuts it short; otherwise they leave
 * the queue, and the queue's result plays the campaign's message.
 */
export function buildConnectDeadlineTwiml(seconds: number): string {
  return twimlDocument(element('Pause', { length: seconds }) + element('Leave'));
}

/** Who called and how to call back or opt out; then the call ends. */
export function buildCampaignMessageTwiml(say: SayOptions, message: string): string {
  return buildSayAndHangupTwiml({ say, lines: [message] });
}

/** The call is over or was never ours: nothing to play. */
export function buildHangupTwiml(): string {
  return twimlDocument(element('Hangup'));
}
