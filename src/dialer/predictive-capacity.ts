import type { Attempt } from '../outbound/attempt.js';
import { abandonBudget } from '../outbound/abandonment.js';
import type { CampaignCounts } from '../outbound/campaign-store.js';
import type { PacingModel } from './pacing-model.js';
import { predictiveCallsToDial } from './predictive-pacing.js';

/** Reps must be free by the early answers: the quartile of answer times, not the median. */
const EARLY_ANSWER_QUANTILE = 0.25;
/** Before any answer is seen: when answers are taken to come (the rules' 15 s ring, halved). */
const FIRST_ANSWER_GUESS_MS = 7_500;

/**
 * How many calls a predictive campaign may start this turn, from what the runner reads: the reps
 * parked long enough, the active attempts (calls out, callees waiting, reps on calls), the
 * campaign's counts so far. The budget is the campaign's target share of its live answers so
 * far, less its abandons, and never so much that one more abandon would pass the cap; with it
 * spent, this is progressive dialing.
 */
export function predictiveCapacity(input: {
  readonly model: PacingModel;
  readonly parkedReps: number;
  readonly active: readonly Attempt[];
  readonly counts: Pick<CampaignCounts, 'connected' | 'abandoned'>;
  readonly abandonTarget: number;
  readonly maxNew: number;
  readonly now: number;
}): number {
  const { model, now, counts } = input;
  const p = model.answerChance();
  const horizonMs = answerHorizonMs(model);
  const outstandingAnswerChances: number[] = [];
  const busyRepsFreeChances: number[] = [];
  for (const attempt of input.active) {
    if (attempt.connectedAt !== undefined) {
      busyRepsFreeChances.push(model.freeChanceTalking(now - attempt.connectedAt, horizonMs));
    } else if (attempt.abandonedAt !== undefined) {
      continue; // heard the message: needs no rep
    } else if (attempt.answeredAt !== undefined) {
      outstandingAnswerChances.push(1); // in the queue, waiting for a rep
    } else if (attempt.dialedAt !== undefined && attempt.state === 'live') {
      outstandingAnswerChances.push(model.answerChanceAfter(now - attempt.dialedAt));
    } else {
      outstandingAnswerChances.push(p); // not ringing yet
    }
  }
  const live = counts.connected + counts.abandoned;
  return predictiveCallsToDial({
    repsFree: input.parkedReps,
    busyRepsFreeChances,
    outstandingAnswerChances,
    newCallAnswerChance: p,
    abandonBudget: abandonBudget(input.abandonTarget, live, counts.abandoned),
    maxNew: input.maxNew,
  });
}

/** When the answers to calls dialed now start to come: reps must be free by then. */
export function answerHorizonMs(model: PacingModel): number {
  return model.answerMs(EARLY_ANSWER_QUANTILE) ?? FIRST_ANSWER_GUESS_MS;
}
