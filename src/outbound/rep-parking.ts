import type { RepPresence } from '../reps/rep-presence.js';
import type { RepParking } from '../voice/deps.js';
import type { CampaignLookup } from './campaign-lookup.js';

/**
 * How much longer than its campaign's ring timeout a rep stays parked: a call dialed for the
 * rep at the start of the park can ring its full time and still find the rep there.
 */
export const PARK_MARGIN_SECONDS = 10;

/**
 * Where reps with nothing to take wait: the queue of a running campaign (the first in QUEUES
 * order when several run), for its ring timeout plus the margin.
 */
export function createRepParking(deps: {
  queues: readonly string[];
  campaigns: Pick<CampaignLookup, 'running'>;
  presence: Pick<RepPresence, 'park' | 'leave'>;
}): RepParking {
  return {
    presence: deps.presence,
    async spot(now) {
      const running = await deps.campaigns.running(now);
      for (const queue of deps.queues) {
        const campaigns = running.filter((c) => c.settings.targetQueue === queue);
        if (campaigns.length === 0) continue;
        const ringSeconds = Math.max(...campaigns.map((c) => c.settings.ringTimeoutSeconds));
        return { queue, seconds: ringSeconds + PARK_MARGIN_SECONDS };
      }
      return undefined;
    },
  };
}
