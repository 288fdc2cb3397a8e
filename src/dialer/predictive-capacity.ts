import type { Attempt } from '../outbound/attempt.js';
import { abandonAllowance } from '../outbound/abandonment.js';
import type { Timeline } from './abandon-forecast.js';
import type { CampaignCounts } from '../outbound/campaign-store.js';
import type { PacingModel } from './pacing-model.js';
import { FORECAST_SLOT_MS, GRACE_SLOTS, predictiveCallsToDial } from './predictive-pacing.js';

/**
 * How many calls a predictive campaign may start this turn, from what the runner reads: the reps
 * parked long enough, the active attempts (calls out, callees waiting, reps on calls), and the
 * campaign's counts over its legal window, as its rule counts them. Each call out is weighed by
 * when it may be answered, each rep on a call by when they may be free (pacing-model.ts), and
 * the calls are those whose added abandons the campaign's allowance can pay for
 * (abandonment.ts); with it spent, progressive dialing.
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
  const newCallAnswers = model.answerTimeline(0, FORECAST_SLOT_MS);
  const horizonSlots = newCallAnswers.length + GRACE_SLOTS;
  const answersComing: Timeline[] = [];
  const repsFreeing: Timeline[] = [];
  for (const attempt of input.active) {
    if (attempt.connectedAt !== undefined) {
      repsFreeing.push(
        model.freeTimelineTalking(now - attempt.connectedAt, FORECAST_SLOT_MS, horizonSlots),
      );
    } else if (attempt.abandonedAt !== undefined) {
      continue; // heard the message: needs no rep
    } else if (attempt.answeredAt !== undefined) {
      answersComing.push([1]); // in the queue, waiting for a rep
    } else if (attempt.dialedAt !== undefined && attempt.state === 'live') {
      answersComing.push(model.answerTimeline(now - attempt.dialedAt, FORECAST_SLOT_MS));
    } else {
      answersComing.push(newCallAnswers); // not ringing yet
    }
  }
  return predictiveCallsToDial({
    repsFree: input.parkedReps,
    repsFreeing,
    answersComing,
    newCallAnswers,
    graceSlots: GRACE_SLOTS,
    allowance: abandonAllowance(
      input.abandonTarget,
      counts.connected + counts.abandoned,
      counts.abandoned,
    ),
    maxNew: input.maxNew,
  });
}
