import type { CampaignExecution, CampaignSettings } from '../../src/outbound/campaign.js';
import type { Contact } from '../../src/outbound/contact.js';

/** Epoch ms the tests count from. */
export const T0 = 1_767_225_600_000;

export const SETTINGS: CampaignSettings = {
  targetQueue: 'outbound-sales',
  callerId: '+15005550006',
  ringTimeoutSeconds: 20,
  maxAttempts: 3,
  retryDelaySeconds: 600,
  callingWindow: { start: '08:00', end: '21:00' },
  defaultCountry: 'US',
  machineDetection: false,
  onMachine: 'message',
  message: 'This was Example Co. To stop these calls, press 9 or call 555 0100.',
  cancelRingingOnStop: true,
  dialVia: { kind: 'calls' },
};

export function execution(id = 'CE1', settings: Partial<CampaignSettings> = {}): CampaignExecution {
  return { id, name: `campaign ${id}`, createdAt: T0, settings: { ...SETTINGS, ...settings } };
}

/** `n` contacts c1..cn with distinct US numbers. */
export function contacts(n: number): Contact[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `c${i + 1}`,
    phone: `+1415555${String(1000 + i).padStart(4, '0')}`,
  }));
}
