import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Attempt } from '../outbound/attempt.js';
import type { CampaignExecution } from '../outbound/campaign.js';
import type { CampaignStore } from '../outbound/campaign-store.js';
import type { CallPlacer, CallSummary } from './call-placer.js';
import type { OutboundUrls } from './outbound-urls.js';

export interface DialDeps {
  readonly store: CampaignStore;
  readonly placer: CallPlacer;
  readonly urls: OutboundUrls;
  readonly clock: Clock;
  readonly logger: Logger;
}

/** What the pacing needs to hear back from one dial. */
export type DialResult =
  | { readonly kind: 'placed'; readonly call: CallSummary }
  | { readonly kind: 'throttled' }
  | { readonly kind: 'refused' }
  | { readonly kind: 'lost' }
  /** Another process or step moved the attempt first: nothing was sent. */
  | { readonly kind: 'skipped' };

/**
 * Places the call of one claimed attempt, exactly once. The attempt is marked `dialing` (durably)
 * before the create is sent, so a crash at any point leaves either `claimed` (never sent: safe
 * to release) or `dialing` (maybe sent: reconciled before any redial). After the answer:
 * - placed: `live` with the call's SID (a status callback may have got there first);
 * - 429: released, the contact due again after `throttledDelayMs`;
 * - another 4xx: ended as failed with Twilio's reason, not retried (the answer would not change);
 * - lost: `unknown`, for reconciliation.
 */
export async function dialAttempt(
  deps: DialDeps,
  campaign: CampaignExecution,
  attempt: Attempt,
  throttledDelayMs: number,
): Promise<DialResult> {
  const { store, clock, urls } = deps;
  const { settings } = campaign;
  const dialing = await store.advance(campaign.id, attempt.id, ['claimed'], {
    state: 'dialing',
    dialedAt: clock.now(),
  });
  if (dialing === undefined) return { kind: 'skipped' };
  const outcome = await deps.placer.create({
    to: attempt.phone,
    from: settings.callerId,
    answerUrl: urls.answer(campaign.id, attempt.id),
    statusCallbackUrl: urls.status(campaign.id, attempt.id),
    ringTimeoutSeconds: settings.ringTimeoutSeconds,
    ...(settings.machineDetection
      ? { machineDetectionUrl: urls.machineDetection(campaign.id, attempt.id) }
      : {}),
  });
  const log = { campaign: campaign.id, attempt: attempt.id };
  switch (outcome.kind) {
    case 'placed':
      await store.advance(campaign.id, attempt.id, ['dialing', 'unknown'], {
        state: 'live',
        callSid: outcome.call.sid,
        callStatus: outcome.call.status,
      });
      return outcome;
    case 'throttled':
      deps.logger.info(
        { ...log, reason: outcome.message },
        'create refused with 429: contact back in the cache',
      );
      await store.release(campaign.id, attempt.id, ['dialing'], clock.now() + throttledDelayMs);
      return outcome;
    case 'refused':
      deps.logger.warn(
        { ...log, code: outcome.code, reason: outcome.message },
        'Twilio refused the call',
      );
      await store.end(campaign.id, attempt.id, {
        outcome: 'failed',
        reason:
          outcome.code === undefined ? outcome.message : `${outcome.code}: ${outcome.message}`,
        at: clock.now(),
      });
      return outcome;
    case 'lost':
      deps.logger.warn(
        { ...log, reason: outcome.message },
        'create answer lost: reconciling before any redial',
      );
      await store.advance(campaign.id, attempt.id, ['dialing'], { state: 'unknown' });
      return outcome;
  }
}
