import type { CampaignCounts } from './campaign-store.js';
import { ABANDON_CAP, type AbandonRule, type CampaignSettings } from './campaign.js';
import { HOUR_MS, type OutcomeCounts } from './outcome-hours.js';

/** A predictive campaign's default target: 2% of live answers, a margin under the 3% cap. */
export const DEFAULT_ABANDON_TARGET = 0.02;

/** The legal windows, rolling: the US (FCC / TSR) 30 days, the UK (Ofcom) 24 hours. */
export const ABANDON_WINDOW_HOURS: Readonly<Record<AbandonRule, number>> = Object.freeze({
  us: 30 * 24,
  uk: 24,
});

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

export function abandonRuleOf(settings: Pick<CampaignSettings, 'pacing'>): AbandonRule {
  return settings.pacing?.abandonRule ?? 'us';
}

/**
 * Where the campaign's legal window starts at `now`. The stores count whole hours, from the one
 * this falls in: every call inside the window is counted, and so are those of up to an hour
 * before it (no abandon in the window is ever missed).
 */
export function windowStart(settings: Pick<CampaignSettings, 'pacing'>, now: number): number {
  return now - ABANDON_WINDOW_HOURS[abandonRuleOf(settings)] * HOUR_MS;
}

/** A window's live answers and abandons as the campaign's rule counts them. */
export interface RuleCounts {
  /** People connected to a rep. */
  readonly connected: number;
  /** Abandoned, with the estimated AMD false positives under the UK rule. */
  readonly abandoned: number;
  /** The UK rule's estimate of people AMD took for machines (0 under the US rule). */
  readonly estimatedFalsePositives: number;
}

/**
 * Ofcom counts people wrongly hung up on as machines as abandoned: an estimate,
 * `amdFalsePositiveRate` × the machine verdicts, is added to the abandons and (they answered)
 * to the live answers. The US rule counts what was seen.
 */
export function ruleCounts(
  settings: Pick<CampaignSettings, 'pacing'>,
  window: OutcomeCounts,
): RuleCounts {
  const estimated =
    abandonRuleOf(settings) === 'uk'
      ? (settings.pacing?.amdFalsePositiveRate ?? 0) * window.machine
      : 0;
  return {
    connected: window.connected,
    abandoned: window.abandoned + estimated,
    estimatedFalsePositives: estimated,
  };
}

/** A campaign's abandonment as the rules count it, and (predictive) the budget left. */
export interface CampaignAbandonment {
  readonly mode: 'progressive' | 'predictive';
  readonly abandonRule: AbandonRule;
  readonly windowHours: number;
  /** Over the legal window: abandoned ÷ live answers; null before anyone answered in it. */
  readonly abandonmentRate: number | null;
  /** The window's live answers and abandons, the UK estimate of AMD false positives included. */
  readonly windowLiveAnswers: number;
  readonly windowAbandoned: number;
  readonly windowEstimatedFalsePositives: number;
  /** Over the campaign's life, as seen (no estimate): abandoned ÷ (connected + abandoned). */
  readonly lifetimeAbandonmentRate: number | null;
  readonly abandonTarget: number;
  readonly abandonCap: number;
  /** Predictive only: expected abandons the next dials may cause (0 when spent). */
  readonly abandonBudgetLeft: number | null;
}

export function campaignAbandonment(
  settings: Pick<CampaignSettings, 'pacing'>,
  lifetime: Pick<CampaignCounts, 'connected' | 'abandoned'>,
  window: OutcomeCounts,
): CampaignAbandonment {
  const mode = settings.pacing?.mode ?? 'progressive';
  const target = settings.pacing?.abandonTarget ?? DEFAULT_ABANDON_TARGET;
  const counted = ruleCounts(settings, window);
  const live = counted.connected + counted.abandoned;
  const lifetimeLive = lifetime.connected + lifetime.abandoned;
  return {
    mode,
    abandonRule: abandonRuleOf(settings),
    windowHours: ABANDON_WINDOW_HOURS[abandonRuleOf(settings)],
    abandonmentRate: live === 0 ? null : counted.abandoned / live,
    windowLiveAnswers: live,
    windowAbandoned: counted.abandoned,
    windowEstimatedFalsePositives: counted.estimatedFalsePositives,
    lifetimeAbandonmentRate: lifetimeLive === 0 ? null : lifetime.abandoned / lifetimeLive,
    abandonTarget: target,
    abandonCap: ABANDON_CAP,
    abandonBudgetLeft:
      mode === 'predictive' ? Math.max(0, abandonBudget(target, live, counted.abandoned)) : null,
  };
}
