import type { AbandonAllowance } from '../outbound/abandonment.js';
import { CONNECT_DEADLINE_SECONDS } from '../outbound/campaign.js';
import { AbandonForecast, chanceOf, type Timeline } from './abandon-forecast.js';

/** The forecast's time step: the runner's turns and the simulator's ticks come at most a second apart. */
export const FORECAST_SLOT_MS = 1_000;
/** The 2-second rule in slots: how long a person answered may wait for a rep. */
export const GRACE_SLOTS = (CONNECT_DEADLINE_SECONDS * 1_000) / FORECAST_SLOT_MS;

/**
 * The predictive dial decision (issue 18), as a pure function: how many new calls to start now.
 *
 * It works on distributions in time, not means: when each call out may be answered and when each
 * busy rep may be free, slot by slot (abandon-forecast.ts). A mean-only rule (answers ≈ reps)
 * abandons about half the time the two are level; a rule on counts alone treats a rep who frees
 * a second after the answers come as if they had come in time. A new call is dialed while the
 * abandons it adds stay within what the campaign lets a call risk for the live answer it may
 * bring (marginalRisk), and all the abandons expected of the calls out stay within the cap's
 * slack. Calls a surely free rep covers risk nothing and are always dialed (progressive).
 */
export interface DialDecisionInput {
  /** Reps free now (parked, waiting for a callee). */
  readonly repsFree: number;
  /** For each busy rep: when they are free, slot by slot from now. */
  readonly repsFreeing: readonly Timeline[];
  /** For each call already dialed and not yet taken by a rep: when it is answered live. */
  readonly answersComing: readonly Timeline[];
  /** A call dialed now: when it is answered by someone a rep must take. */
  readonly newCallAnswers: Timeline;
  /** Slots a person answered may wait for a rep (the 2-second rule). */
  readonly graceSlots: number;
  /** What the campaign may still abandon (abandonment.ts). */
  readonly allowance: AbandonAllowance;
  /** The most calls that may start now (the account's pace, the list left). */
  readonly maxNew: number;
}

export function predictiveCallsToDial(input: DialDecisionInput): number {
  const safe = zeroAbandonCalls(input);
  if (input.allowance.capSlack <= 0) return safe;
  const forecast = new AbandonForecast(input);
  const risk = marginalRisk(input.allowance) * chanceOf(input.newCallAnswers);
  let before = forecast.expectedAbandons(0, input.newCallAnswers);
  let dial = 0;
  while (dial < input.maxNew) {
    const after = forecast.expectedAbandons(dial + 1, input.newCallAnswers);
    if (after - before > risk || after > input.allowance.capSlack) break;
    before = after;
    dial += 1;
  }
  return Math.max(safe, dial);
}

/**
 * The abandons a call may add per live answer it brings. It starts at the target and follows the
 * campaign's record: each abandon below the target's share so far raises it by a factor e per
 * SLACK_PER_E_FOLD, each one above lowers it. An integral controller on the ratio: whatever the
 * forecast's bias, the ratio settles at the target, and the calls that risk something are those
 * that buy the most rep time for it (most calls out risk almost nothing).
 */
function marginalRisk(allowance: AbandonAllowance): number {
  const risk = allowance.target * Math.exp(allowance.targetSlack / SLACK_PER_E_FOLD);
  return Math.min(MAX_MARGINAL_RISK, risk);
}

/** Abandons of slack that move the marginal risk by a factor e: a few, so it reacts in minutes. */
const SLACK_PER_E_FOLD = 2;
/** A call more likely to abandon its callee than to reach a rep is never worth it. */
const MAX_MARGINAL_RISK = 0.5;

/**
 * With no budget, no call may risk an abandon: every call that could be answered (all of them,
 * at worst) needs a rep who is surely free by the time it could be. That is progressive dialing.
 */
function zeroAbandonCalls(input: DialDecisionInput): number {
  const firstAnswer = input.newCallAnswers.findIndex((p) => p > 0);
  if (firstAnswer < 0) return input.maxNew;
  const by = firstAnswer + input.graceSlots;
  const sureReps =
    input.repsFree + input.repsFreeing.filter((timeline) => chanceBy(timeline, by) >= SURE).length;
  const couldAnswer = input.answersComing.filter((timeline) => timeline.some((p) => p > 0)).length;
  return Math.max(0, Math.min(input.maxNew, sureReps - couldAnswer));
}

/** Chances summed in floating point: a sure thing may add up to a hair under 1. */
const SURE = 1 - 1e-9;

function chanceBy(timeline: Timeline, slot: number): number {
  return chanceOf(timeline.slice(0, slot + 1));
}
