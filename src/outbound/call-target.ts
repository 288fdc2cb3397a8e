import type { CampaignExecution } from './campaign.js';
import type { CampaignLookup } from './campaign-lookup.js';
import type { CampaignStore } from './campaign-store.js';

export interface CallTarget {
  readonly campaign: CampaignExecution;
  readonly attempt: string;
}

/**
 * Which attempt a report is about. Our status callback URL names the campaign and attempt, and
 * an Event Streams call event carries that URL; a report without them (a Studio Flow that only
 * knows the call, an event without its request) is looked up by call SID in each campaign's
 * call index. Campaigns are few (tens), so that costs a handful of reads, and only then.
 */
export async function findCallTarget(
  deps: { campaigns: CampaignLookup; store: Pick<CampaignStore, 'list' | 'attemptOfCall'> },
  given: { campaign?: string; attempt?: string; callSid?: string },
): Promise<CallTarget | undefined> {
  const campaign = await deps.campaigns.get(given.campaign);
  if (campaign !== undefined && given.attempt !== undefined) {
    return { campaign, attempt: given.attempt };
  }
  const { callSid } = given;
  if (callSid === undefined) return undefined;
  const candidates =
    campaign !== undefined ? [campaign] : (await deps.store.list()).map((r) => r.execution);
  for (const candidate of candidates) {
    const attempt = await deps.store.attemptOfCall(candidate.id, callSid);
    if (attempt !== undefined) return { campaign: candidate, attempt };
  }
  return undefined;
}
