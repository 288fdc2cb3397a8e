import type { Attempt } from '../outbound/attempt.js';
import type { AttemptEvents } from '../outbound/attempt-events.js';
import type { CampaignExecution } from '../outbound/campaign.js';
import { retryAtFor } from '../outbound/call-outcome.js';
import type { Created } from './call-placer.js';
import type { DialDeps } from './dial-attempt.js';
import { findCreated } from './find-attempt-call.js';

export interface ReconcileSettings {
  /**
   * How long after a create was sent before its call is looked for: longer than a create can
   * take to be processed, so a call that is still being created is not missed.
   */
  readonly graceMs: number;
  /** How long a live call may go unheard of before Twilio is asked how it ended. */
  readonly liveLimitMs: number;
}

export type ReconcileResult = 'waiting' | 'found' | 'released' | 'checked' | 'nothing';

/**
 * Settles an attempt whose fate this process does not know, before anything else is dialed
 * for its contact:
 * - `dialing` / `unknown` (an answer lost, or a crash mid-create), once the grace has passed:
 *   the placer looks for what the create made since the dial (calls: a call to the number from
 *   the campaign's caller ID not owned by another attempt; Studio: the flow execution whose
 *   parameters name the attempt). With nothing, the create never happened and the contact goes
 *   back to the cache; an execution whose call is not known yet makes the attempt `live`;
 * - `claimed` (a crash before the create): released, nothing was sent;
 * - `live` and silent for too long (callbacks lost): Twilio is asked how the call stands; an
 *   attempt whose flow never reported a call is looked up by its execution again.
 */
export async function reconcileAttempt(
  deps: DialDeps & { events: AttemptEvents },
  campaign: CampaignExecution,
  attempt: Attempt,
  settings: ReconcileSettings,
): Promise<ReconcileResult> {
  const { store, placer, clock, events } = deps;
  const now = clock.now();
  const report = (callSid: string, status: string, answeredBy: string | undefined) =>
    events.callReported(campaign, attempt.id, {
      callSid,
      status,
      at: now,
      ...(answeredBy === undefined ? {} : { answeredBy }),
    });
  switch (attempt.state) {
    case 'claimed':
      return (await store.release(campaign.id, attempt.id, ['claimed'], now))
        ? 'released'
        : 'nothing';
    case 'dialing':
    case 'unknown': {
      const sentAt = attempt.dialedAt ?? attempt.claimedAt;
      if (now - sentAt < settings.graceMs) return 'waiting';
      const found = await findCreated(deps, campaign, attempt, settings);
      if (found?.kind === 'call') {
        deps.logger.info(
          { campaign: campaign.id, attempt: attempt.id, callSid: found.call.sid },
          'reconciled: the call exists',
        );
        await report(found.call.sid, found.call.status, found.call.answeredBy);
        return 'found';
      }
      if (found?.kind === 'execution') {
        deps.logger.info(
          { campaign: campaign.id, attempt: attempt.id, execution: found.sid },
          'reconciled: the flow execution exists',
        );
        // An execution that already ended without a call will never report one.
        if (!found.active) return endWithoutCall(deps, campaign, attempt, found);
        await store.advance(campaign.id, attempt.id, ['dialing', 'unknown'], { state: 'live' });
        return 'found';
      }
      const released = await store.release(campaign.id, attempt.id, ['dialing', 'unknown'], now);
      if (released)
        deps.logger.info(
          { campaign: campaign.id, attempt: attempt.id },
          'reconciled: no call was created; contact back in the cache',
        );
      return released ? 'released' : 'nothing';
    }
    case 'live': {
      const heardAt = attempt.answeredAt ?? attempt.dialedAt ?? attempt.claimedAt;
      if (now - heardAt < settings.liveLimitMs) return 'nothing';
      if (attempt.callSid === undefined) {
        return checkFlowCall(deps, campaign, attempt, settings, report);
      }
      if (attempt.callStatus === 'completed') {
        // A person answered and the call ended, but the queue's result never came: not known
        // to have reached a rep, so counted against the abandonment cap.
        await store.end(campaign.id, attempt.id, {
          outcome: 'abandoned',
          reason: 'no queue result for an answered call',
          callSid: attempt.callSid,
          at: now,
        });
        return 'checked';
      }
      const call = await placer.fetch(attempt.callSid);
      if (call === undefined) {
        await store.end(campaign.id, attempt.id, {
          outcome: 'failed',
          reason: 'Twilio has no such call',
          at: now,
        });
        return 'checked';
      }
      await report(call.sid, call.status, call.answeredBy);
      return 'checked';
    }
    case 'ended':
      return 'nothing';
  }
}

/**
 * A live attempt with no call SID: a flow execution was started and never reported its call.
 * The execution's context may name it; an execution still active is left alone; one that ended
 * without a call (or vanished) ends the attempt as failed.
 */
async function checkFlowCall(
  deps: DialDeps,
  campaign: CampaignExecution,
  attempt: Attempt,
  settings: ReconcileSettings,
  report: (callSid: string, status: string, answeredBy: string | undefined) => Promise<void>,
): Promise<ReconcileResult> {
  const found = await findCreated(deps, campaign, attempt, settings);
  if (found?.kind === 'call') {
    await report(found.call.sid, found.call.status, found.call.answeredBy);
    return 'checked';
  }
  if (found?.active === true) return 'nothing';
  return endWithoutCall(deps, campaign, attempt, found);
}

/** The attempt's flow placed no call (or there is no execution): failed, retried as a failure. */
async function endWithoutCall(
  deps: DialDeps,
  campaign: CampaignExecution,
  attempt: Attempt,
  found: Created | undefined,
): Promise<ReconcileResult> {
  const now = deps.clock.now();
  const retryAt = retryAtFor(campaign.settings, attempt, 'failed', now);
  await deps.store.end(campaign.id, attempt.id, {
    outcome: 'failed',
    reason:
      found === undefined
        ? 'no flow execution for the attempt'
        : 'the flow execution ended without reporting a call',
    at: now,
    ...(retryAt === undefined ? {} : { retryAt }),
  });
  return 'checked';
}
