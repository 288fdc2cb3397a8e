/**
 * VICIdial's adaptive dial-level step, as bin/AST_VDadapt.pl (VICIdial 2.14) computes it in
 * `calculate_dial_level` every 15 seconds, for the ADAPT_HARD_LIMIT dial method. Names follow
 * the script's campaign settings.
 */
export interface AdaptiveSettings {
  /** `adaptive_intensity`, −40 … 40 in the admin page: how hard the level follows the differential. */
  readonly intensity: number;
  /** `adaptive_maximum_level`. */
  readonly maxLevel: number;
  /** `adaptive_dropped_percentage`: the drop limit, in percent of answers today. */
  readonly droppedPercentage: number;
  /** `adaptive_dl_diff_target`: −1 aims at one agent waiting, +1 at one customer waiting. */
  readonly dlDiffTarget: number;
}

/** VICIdial's defaults (its vicidial_campaigns table), with the drop limit at the 3% rule. */
export const VICIDIAL_DEFAULTS: AdaptiveSettings = {
  intensity: 0,
  maxLevel: 3.0,
  droppedPercentage: 3,
  dlDiffTarget: 0,
};

/** What the script reads at a recompute. */
export interface DialLevelInputs {
  readonly level: number;
  /** Ready agents minus calls waiting for an agent, each averaged over the last 15 samples. */
  readonly differential: number;
  /** Logged-in agents averaged over the same samples. */
  readonly agentsAverage: number;
  /** Calls placed and drops in the last minute, and today (from the once-a-minute drop stats). */
  readonly callsOneMinute: number;
  readonly dropsOneMinute: number;
  readonly callsToday: number;
  readonly dropsToday: number;
  readonly answersToday: number;
}

/** `sprintf("%.3f")`, as the script stores the level. */
const threeDecimals = (x: number) => Math.round(x * 1000) / 1000;

export function nextDialLevel(inputs: DialLevelInputs, settings: AdaptiveSettings): number {
  const target = inputs.differential + settings.dlDiffTarget;
  const mul = target !== 0 && inputs.agentsAverage !== 0 ? target / inputs.agentsAverage : 0;
  const pct = mul * 100;
  // The intensity pushes rises up and damps falls (or the other way round when negative).
  const intensityMul = settings.intensity / 100;
  const intensityPct = pct < 0 ? pct * Math.abs(intensityMul - 1) : pct * (intensityMul + 1);
  let level = threeDecimals(inputs.level * (intensityPct / 100 + 1));
  if (level > settings.maxLevel) level = settings.maxLevel;
  if (level < 1) level = 1;
  const dropsOnePct =
    inputs.callsOneMinute === 0 ? 0 : (inputs.dropsOneMinute / inputs.callsOneMinute) * 100;
  if (inputs.callsOneMinute > 20 && dropsOnePct > 50) level = level / 2;
  const dropsAnswersPct =
    inputs.dropsToday === 0 ? 0 : (inputs.dropsToday / Math.max(1, inputs.answersToday)) * 100;
  // ADAPT_HARD_LIMIT: over the limit for the day, back to one call per agent.
  if (inputs.callsToday > 50 && dropsAnswersPct > settings.droppedPercentage) level = 1;
  return level < 1 ? 1 : level;
}

/**
 * AST_VDauto_dial.pl's step: aim at `round(level × agents)` calls, where agents are those not
 * paused (talking or ready), count the calls already under way (sent, ringing, answered and
 * waiting, with an agent), and place the difference.
 */
export function callsToPlace(level: number, activeAgents: number, existingCalls: number): number {
  const goal = Math.round(level * activeAgents);
  return Math.max(0, goal - existingCalls);
}
