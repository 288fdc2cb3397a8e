import type { CampaignCounts } from './campaign-store.js';
import { ABANDON_CAP, type CampaignSettings } from './campaign.js';

/** A predictive campaign's default target: 2% of live answers, a margin under the 3% cap. */
export const DEFAULT_ABANDON_TARGET = 0.02;

/**
 * Expected abandons a predictive campaign's next dials may still cause: the target's share of
 * its live answers so far, less those abandoned; and never so much that one more abandon (they
 * come whole) would pass the cap. Only answers that came count, so dialing more never makes
 * room for itself. ≤ 0: no risk at all (progressive dialing).
 */
export function abandonBudget(target: number, liveAnswers: number, abandoned: number): number {
  return Math.min(target * liveAnswers - abandoned, ABANDON_CAP * liveAnswers - abandoned - 1);
}

/** A campaign's abandonment as the rules count it, and (predictive) the budget left. */
export interface CampaignAbandonment {
  readonly mode: 'progressive' | 'predictive';
  /** Abandoned ÷ live answers (connected + abandoned); null before anyone answered. */
  readonly abandonmentRate: number | null;
  readonly abandonTarget: number;
  readonly abandonCap: number;
  /** Predictive only: expected abandons the next dials may cause (0 when spent). */
  readonly abandonBudgetLeft: number | null;
}

export function campaignAbandonment(
  settings: Pick<CampaignSettings, 'pacing'>,
  counts: Pick<CampaignCounts, 'connected' | 'abandoned'>,
): CampaignAbandonment {
  const mode = settings.pacing?.mode ?? 'progressive';
  const target = settings.pacing?.abandonTarget ?? DEFAULT_ABANDON_TARGET;
  const live = counts.connected + counts.abandoned;
  return {
    mode,
    abandonmentRate: live === 0 ? null : counts.abandoned / live,
    abandonTarget: target,
    abandonCap: ABANDON_CAP,
    abandonBudgetLeft:
      mode === 'predictive' ? Math.max(0, abandonBudget(target, live, counts.abandoned)) : null,
  };
}
