/*
 * What the campaigns section says of a campaign's pacing (the `pacing` of GET
 * /admin/api/campaigns): its abandonment over the legal window its rule counts, the lifetime
 * rate beside it, a predictive campaign's budget, and the dial level its runner last reported.
 */
import { formatMoment } from './format.js';
import { abandonmentRate, formatNumber, formatRate } from './campaign-figures.js';

const WINDOWS = { 720: 'the last 30 days', 24: 'the last 24 hours' };

/** The rate the rules cap: the window's, or (a server without it) the lifetime's. */
export function ruledRate(campaign) {
  const pacing = campaign.pacing;
  if (pacing && 'abandonmentRate' in pacing) return pacing.abandonmentRate;
  return abandonmentRate(campaign.progress || {});
}

/**
 * "1 of 2 people who answered in the last 30 days (US rule) · lifetime 50 %", with the UK
 * rule's estimate of people AMD hung up on when there is one.
 */
export function describeWindow(campaign) {
  const pacing = campaign.pacing;
  if (!pacing || typeof pacing.windowLiveAnswers !== 'number') return '';
  const span = WINDOWS[pacing.windowHours] || `the last ${formatNumber(pacing.windowHours)} hours`;
  const rule = `${String(pacing.abandonRule).toUpperCase()} rule`;
  const seen =
    pacing.windowLiveAnswers === 0
      ? `no one answered in ${span} (${rule})`
      : `${formatNumber(pacing.windowAbandoned)} of ${formatNumber(pacing.windowLiveAnswers)} people who answered in ${span} (${rule})`;
  const estimated =
    pacing.windowEstimatedFalsePositives > 0
      ? `, ${formatNumber(pacing.windowEstimatedFalsePositives)} of them estimated AMD false positives`
      : '';
  return `${seen}${estimated} · lifetime ${formatRate(pacing.lifetimeAbandonmentRate)}`;
}

/**
 * A predictive campaign dials ahead only while it has abandons to spend: what is left of its
 * budget, or that it is spent and the campaign dials one call per rep.
 */
export function describeBudget(pacing) {
  if (pacing?.mode !== 'predictive' || typeof pacing.abandonBudgetLeft !== 'number') return '';
  const target = `target ${formatRate(pacing.abandonTarget)}`;
  return pacing.abandonBudgetLeft > 0
    ? ` · predictive: ${formatNumber(Math.floor(pacing.abandonBudgetLeft * 10) / 10)} abandons to spend (${target})`
    : ` · predictive: budget spent, one call per rep (${target})`;
}

/** Calls in progress per rep, as the runner last said; why there is none when there is none. */
export function describeDialLevel(campaign) {
  const pacing = campaign.pacing;
  if (!pacing || !('dialLevel' in pacing)) return '';
  if (!pacing.dialLevelStale) {
    return pacing.dialLevel === null
      ? 'dial level — (no rep working it)'
      : `dial level ${formatNumber(pacing.dialLevel)} calls per rep`;
  }
  if (campaign.status !== 'running') return 'dial level — (not running)';
  return pacing.dialLevelAt === null
    ? 'dial level — (no report from the dialer yet)'
    : `dial level — (no report from the dialer since ${formatMoment(pacing.dialLevelAt)})`;
}
