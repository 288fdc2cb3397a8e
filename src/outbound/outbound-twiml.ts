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

/**
 * Who called and how to call back or opt out; then the call ends. With `optOutUrl` (a person
 * listening, not a machine) a key pressed during the message or just after it is posted there,
 * where the campaign's opt-out digit puts the number on the opt-out list.
 */
export function buildCampaignMessageTwiml(
  say: SayOptions,
  message: string,
  optOutUrl?: string,
): string {
  if (optOutUrl === undefined) return buildSayAndHangupTwiml({ say, lines: [message] });
  const spoken = element('Say', { voice: say.voice, language: say.language }, escapeText(message));
  return twimlDocument(
    element('Gather', { numDigits: 1, action: optOutUrl, method: 'POST' }, spoken) +
      element('Hangup'),
  );
}

/** The callee pressed the opt-out digit and their number is on the list. */
export const OPT_OUT_CONFIRMATION = 'We will not call this number again. Goodbye.';
/** The number could not be put on the list: the callee must not think it was. */
export const OPT_OUT_FAILED =
  'Sorry, we could not take your request just now. Please call us back to stop these calls. Goodbye.';

export function buildOptOutAnswerTwiml(say: SayOptions, line: string): string {
  return buildSayAndHangupTwiml({ say, lines: [line] });
}

/** The call is over or was never ours: nothing to play. */
export function buildHangupTwiml(): string {
  return twimlDocument(element('Hangup'));
}
