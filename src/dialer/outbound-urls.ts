import { absoluteUrl } from '../voice/urls.js';

/** The webhook URLs a call is created with; each carries its campaign and attempt. */
export interface OutboundUrls {
  answer(campaignId: string, attemptId: string): string;
  status(campaignId: string, attemptId: string): string;
  machineDetection(campaignId: string, attemptId: string): string;
  /** What an answered call plays once detection says a machine took it (a REST redirect). */
  machine(campaignId: string, attemptId: string): string;
  /** POST /callstatus, where a Studio Flow reports the call it placed (ids in the body). */
  flowStatus(): string;
}

export function outboundUrls(publicBaseUrl: string): OutboundUrls {
  const url = (path: string) => (campaign: string, attempt: string) =>
    absoluteUrl(publicBaseUrl, path, { campaign, attempt });
  return {
    answer: url('/outbound/answer'),
    status: url('/outbound/status'),
    machineDetection: url('/outbound/amd'),
    machine: url('/outbound/machine'),
    flowStatus: () => absoluteUrl(publicBaseUrl, '/callstatus'),
  };
}
