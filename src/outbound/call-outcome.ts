import type { Attempt, AttemptOutcome } from './attempt.js';
import type { CampaignSettings } from './campaign.js';

/** Twilio's CallStatus values after which the call is over. */
const FINAL_STATUSES = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);

export function isFinalCallStatus(status: string): boolean {
  return FINAL_STATUSES.has(status);
}

/** Twilio's AnsweredBy for a machine: machine_start, machine_end_beep, fax, … */
export function isMachine(answeredBy: string | undefined): boolean {
  return answeredBy !== undefined && answeredBy !== 'human' && answeredBy !== 'unknown';
}

/**
 * The outcome of a call that is over, from its last status and what our webhooks saw. A call
 * that completed was answered: by a machine, or by a person who was connected to a rep or not —
 * and a person not connected is abandoned, whatever the reason (the cap counts them all).
 * `undefined`: a person answered but whether a rep took them is not known yet (the queue's
 * result is still to come), so the attempt is not ended on this status alone.
 */
export function outcomeOfEndedCall(
  attempt: Attempt,
  status: string,
  answeredBy: string | undefined,
): AttemptOutcome | undefined {
  switch (status) {
    case 'busy':
      return 'busy';
    case 'no-answer':
      return 'no-answer';
    case 'failed':
      return 'failed';
    case 'canceled':
      return 'canceled';
  }
  if (isMachine(answeredBy ?? attempt.answeredBy)) return 'machine';
  if (attempt.connectedAt !== undefined) return 'connected';
  if (attempt.abandonedAt !== undefined || attempt.answeredAt === undefined) return 'abandoned';
  return undefined;
}

/**
 * When the contact is called again, if at all: busy, no answer, failures and (per campaign)
 * machines are retried after the delay until the attempts run out; a stopped campaign's
 * canceled calls go back at once; people reached are never called again.
 */
export function retryAtFor(
  settings: Pick<CampaignSettings, 'maxAttempts' | 'retryDelaySeconds' | 'onMachine'>,
  attempt: Pick<Attempt, 'number'>,
  outcome: AttemptOutcome,
  now: number,
): number | undefined {
  const retryable =
    outcome === 'busy' ||
    outcome === 'no-answer' ||
    outcome === 'failed' ||
    (outcome === 'machine' && settings.onMachine === 'retry');
  if (outcome === 'canceled') return now;
  if (!retryable || attempt.number >= settings.maxAttempts) return undefined;
  return now + settings.retryDelaySeconds * 1000;
}
