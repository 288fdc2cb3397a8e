import type { Attempt } from '../outbound/attempt.js';
import type { AttemptEvents } from '../outbound/attempt-events.js';
import type { CampaignExecution } from '../outbound/campaign.js';
import type { DialDeps } from './dial-attempt.js';

export interface ReconcileSettings {
  /**
   * How long after a create was sent before its call is looked for: longer than a create can
   * take to be processed, so a call that is still being created is not missed.
   */
  readonly graceMs: number;
  /** How long a live call may go unheard of before Twilio is asked how it ended. */
  readonly liveLimitMs: number;
}

/** Twilio's date_created has whole seconds; our clock and Twilio's may differ a little. */
const CREATED_SLACK_MS = 5_000;

export type ReconcileResult = 'waiting' | 'found' | 'released' | 'checked' | 'nothing';

/**
 * Settles an attempt whose fate this process does not know, before anything else is dialed
 * for its contact:
 * - `dialing` / `unknown` (an answer lost, or a crash mid-create), once the grace has passed:
 *   a call to the number from the campaign's caller ID, created since the dial and not owned by
 *   another attempt, is this attempt's; with none, the create never happened and the contact
 *   goes back to the cache;
 * - `claimed` (a crash before the create): released, nothing was sent;
 * - `live` and silent for too long (callbacks lost): Twilio is asked how the call stands.
 * Twilio's Calls list is read without a StartTime filter: a queued call has no start time yet.
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
      const calls = [...(await placer.recentCallsTo(attempt.phone))].sort(
        (a, b) => a.createdAt - b.createdAt,
      );
      for (const call of calls) {
        if (call.from !== campaign.settings.callerId) continue;
        if (call.createdAt < sentAt - CREATED_SLACK_MS) continue;
        if ((await store.attemptOfCall(campaign.id, call.sid)) !== undefined) continue;
        deps.logger.info(
          { campaign: campaign.id, attempt: attempt.id, callSid: call.sid },
          'reconciled: the call exists',
        );
        await report(call.sid, call.status, call.answeredBy);
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
      if (attempt.callSid === undefined || now - heardAt < settings.liveLimitMs) return 'nothing';
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
