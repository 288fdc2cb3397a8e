import type { Attempt } from '../outbound/attempt.js';
import type { CampaignExecution } from '../outbound/campaign.js';
import type { CallRequest } from './call-placer.js';
import type { OutboundUrls } from './outbound-urls.js';

/** The one request an attempt makes: built the same way to dial it and to reconcile it. */
export function callRequestFor(
  urls: OutboundUrls,
  campaign: CampaignExecution,
  attempt: Pick<Attempt, 'id' | 'contactId' | 'phone'>,
): CallRequest {
  const { settings } = campaign;
  return {
    to: attempt.phone,
    from: settings.callerId,
    answerUrl: urls.answer(campaign.id, attempt.id),
    statusCallbackUrl: urls.status(campaign.id, attempt.id),
    ringTimeoutSeconds: settings.ringTimeoutSeconds,
    ...(settings.machineDetection
      ? {
          machineDetectionUrl: urls.machineDetection(campaign.id, attempt.id),
          machineDetection: settings.onMachine === 'message' ? 'DetectMessageEnd' : 'Enable',
        }
      : {}),
    campaignId: campaign.id,
    contactId: attempt.contactId,
    attemptId: attempt.id,
    flowStatusUrl: urls.flowStatus(),
  };
}
