import type { Logger } from '../logger.js';
import type { AttemptEvents } from './attempt-events.js';
import type { CampaignLookup } from './campaign-lookup.js';
import type { CampaignStore } from './campaign-store.js';

/**
 * A rep took a caller from a queue: if that caller is a campaign's callee, their attempt is
 * connected now, at the take, rather than when the bridged queue result comes (at the call's
 * end, in no fixed order with the completed status).
 */
export function createCampaignTakes(deps: {
  store: Pick<CampaignStore, 'attemptOfCall'>;
  campaigns: CampaignLookup;
  events: AttemptEvents;
  logger: Logger;
}) {
  return async (taken: { callSid: string; queue: string; at: number }): Promise<void> => {
    try {
      for (const campaign of await deps.campaigns.targeting(taken.queue, taken.at)) {
        const attemptId = await deps.store.attemptOfCall(campaign.id, taken.callSid);
        if (attemptId === undefined) continue;
        await deps.events.callConnected(campaign, attemptId, taken.at);
        return;
      }
    } catch (error) {
      // The caller is being bridged whatever happens here; the queue result confirms it later.
      deps.logger.warn(
        { err: error, callSid: taken.callSid },
        'could not mark a campaign callee connected',
      );
    }
  };
}
