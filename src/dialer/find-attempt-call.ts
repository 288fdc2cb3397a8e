import type { Attempt } from '../outbound/attempt.js';
import type { CampaignExecution } from '../outbound/campaign.js';
import type { Created } from './call-placer.js';
import { callRequestFor } from './call-request.js';
import type { CallSummary } from './create-outcome.js';
import type { DialDeps } from './dial-attempt.js';

/** Twilio's date_created has whole seconds; our clock and Twilio's may differ a little. */
const CREATED_SLACK_MS = 5_000;

/**
 * What the attempt's create made: created from a little before the dial until the grace after
 * it (a create is answered, or given up, within the grace), or now if that is sooner.
 */
export function findCreated(
  deps: DialDeps,
  campaign: CampaignExecution,
  attempt: Attempt,
  settings: { readonly graceMs: number },
): Promise<Created | undefined> {
  const sentAt = attempt.dialedAt ?? attempt.claimedAt;
  return deps.placer.findCreated(
    callRequestFor(deps.urls, campaign, attempt),
    {
      from: sentAt - CREATED_SLACK_MS,
      to: Math.min(deps.clock.now(), sentAt + settings.graceMs) + CREATED_SLACK_MS,
    },
    async (callSid) => (await deps.store.attemptOfCall(campaign.id, callSid)) !== undefined,
  );
}

/**
 * The call an attempt made, when its SID is not on the attempt yet (a flow placed it and has not
 * reported it, or the create's answer is still out): looked up as reconciliation does.
 */
export async function findAttemptCall(
  deps: DialDeps,
  campaign: CampaignExecution,
  attempt: Attempt,
  settings: { readonly graceMs: number },
): Promise<CallSummary | undefined> {
  const found = await findCreated(deps, campaign, attempt, settings);
  return found?.kind === 'call' ? found.call : undefined;
}
