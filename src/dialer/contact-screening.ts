import type { AbandonedNumbers } from '../outbound/abandoned-numbers.js';
import { nextCallableAt } from '../outbound/calling-hours.js';
import { DEFAULT_ABANDONED_COOLDOWN_HOURS, type CampaignExecution } from '../outbound/campaign.js';
import type { Contact } from '../outbound/contact.js';
import type { OptOutList } from '../outbound/opt-out-list.js';
import type { Screening } from './campaign-runner.js';

/**
 * What the runner asks per claimed attempt, right before its call: an opt-out or an abandonment
 * counts from the next call on. A list or register that cannot be read rejects, which fails the
 * runner's turn: nobody is dialed unchecked.
 */
export function createContactScreen(deps: {
  optOuts: Pick<OptOutList, 'has'>;
  abandoned: Pick<AbandonedNumbers, 'lastAbandonedAt'>;
}) {
  return async (campaign: CampaignExecution, contact: Contact, now: number): Promise<Screening> => {
    if (await deps.optOuts.has(contact.phone)) {
      return { kind: 'never', outcome: 'do-not-call', reason: 'on the opt-out list' };
    }
    const { callingWindow, defaultCountry } = campaign.settings;
    // Ofcom's rule, applied to every country (conservative): the number waits out the cooldown,
    // then the calling window's next opening from there.
    const from = Math.max(now, await cooldownEnd(deps.abandoned, campaign, contact, now));
    const at = nextCallableAt(contact, callingWindow, defaultCountry, from);
    if (at === undefined) {
      return {
        kind: 'never',
        outcome: 'no-calling-hours',
        reason: "the calling window never opens in the callee's time zones",
      };
    }
    return at <= now ? { kind: 'dial' } : { kind: 'later', at };
  };
}

/** When the contact's number may be called again after its last abandoned call (`now` if none). */
async function cooldownEnd(
  abandoned: Pick<AbandonedNumbers, 'lastAbandonedAt'>,
  campaign: CampaignExecution,
  contact: Contact,
  now: number,
): Promise<number> {
  const hours = campaign.settings.abandonedCooldownHours ?? DEFAULT_ABANDONED_COOLDOWN_HOURS;
  if (hours === 0) return now;
  const last = await abandoned.lastAbandonedAt(contact.phone, now);
  return last === undefined ? now : last + hours * 3_600_000;
}
