import type { CampaignCounts } from './campaign-store.js';
import { ABANDON_CAP, type CampaignSettings } from './campaign.js';

/** A predictive campaign's default target: 2% of live answers, a margin under the 3% cap. */
export const DEFAULT_ABANDON_TARGET = 0.02;

/**
 * The abandons a predictive campaign may still make and stay at its target share of the live
 * answers so far, and never so many that one more (they come whole) would pass the cap: the
 * budget left that the API, the admin page and /metrics show. Only answers that came count.
 */
export function abandonBudget(target: number, liveAnswers: number, abandoned: number): number {
  const { targetSlack, capSlack } = abandonAllowance(target, liveAnswers, abandoned);
  return Math.min(targetSlack, capSlack);
}

/**
 * What a predictive campaign may still abandon, from its live answers and abandons so far:
 * `targetSlack` below its target share, `capSlack` below the cap less one (abandons come whole).
 */
export interface AbandonAllowance {
  readonly target: number;
  readonly targetSlack: number;
  readonly capSlack: number;
}

export function abandonAllowance(
  target: number,
  liveAnswers: number,
  abandoned: number,
): AbandonAllowance {
  return {
    target,
    targetSlack: target * liveAnswers - abandoned,
    capSlack: ABANDON_CAP * liveAnswers - abandoned - 1,
  };
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
