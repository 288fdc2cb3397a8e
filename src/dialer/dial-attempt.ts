import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Attempt } from '../outbound/attempt.js';
import type { CampaignExecution } from '../outbound/campaign.js';
import type { CampaignStore } from '../outbound/campaign-store.js';
import { retryAtFor } from '../outbound/call-outcome.js';
import type { CallPlacer } from './call-placer.js';
import { callRequestFor } from './call-request.js';
import type { CallSummary } from './create-outcome.js';
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
  /** `call` absent: a flow execution places it, and its SID comes with the flow's reports. */
  | { readonly kind: 'placed'; readonly call?: CallSummary }
  | { readonly kind: 'throttled' }
  | { readonly kind: 'engaged' }
  | { readonly kind: 'refused' }
  | { readonly kind: 'lost' }
  /** Another process or step moved the attempt first: nothing was sent. */
  | { readonly kind: 'skipped' };

/**
 * Places the call of one claimed attempt, exactly once. The attempt is marked `dialing` (durably)
 * before the create is sent, so a crash at any point leaves either `claimed` (never sent: safe
 * to release) or `dialing` (maybe sent: reconciled before any redial). After the answer:
 * - placed: `live` with the call's SID (a status callback may have got there first), or, for a
 *   flow execution, `live` until the flow reports its call;
 * - 429: released, the contact due again after `throttledDelayMs`;
 * - 409 (Studio: the contact is in an execution of the flow already, i.e. in a call): ended as
 *   busy, due again after the campaign's retry delay while attempts remain — never sent again
 *   at once, and never a second call to someone on the phone;
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
  const dialing = await store.advance(campaign.id, attempt.id, ['claimed'], {
    state: 'dialing',
    dialedAt: clock.now(),
  });
  if (dialing === undefined) return { kind: 'skipped' };
  const outcome = await deps.placer.create(callRequestFor(urls, campaign, attempt));
  const log = { campaign: campaign.id, attempt: attempt.id };
  switch (outcome.kind) {
    case 'placed':
      await store.advance(
        campaign.id,
        attempt.id,
        ['dialing', 'unknown'],
        outcome.call === undefined
          ? { state: 'live' }
          : { state: 'live', callSid: outcome.call.sid, callStatus: outcome.call.status },
      );
      if (outcome.executionSid !== undefined) {
        deps.logger.debug({ ...log, execution: outcome.executionSid }, 'flow execution started');
      }
      return outcome.call === undefined
        ? { kind: 'placed' }
        : { kind: 'placed', call: outcome.call };
    case 'engaged': {
      deps.logger.info(
        { ...log, code: outcome.code, reason: outcome.message },
        'the contact is in an execution of the flow already: not dialed again now',
      );
      const at = clock.now();
      const retryAt = retryAtFor(campaign.settings, attempt, 'busy', at);
      await store.end(campaign.id, attempt.id, {
        outcome: 'busy',
        reason:
          outcome.code === undefined ? outcome.message : `${outcome.code}: ${outcome.message}`,
        at,
        ...(retryAt === undefined ? {} : { retryAt }),
      });
      return { kind: 'engaged' };
    }
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
