import type { MessageRecord } from './message-state.js';
import { rfc2822 } from './voice-resources.js';

/**
 * The 2010 API's Message resource (api.v2010.account.message) for an outbound-api message.
 * The emulator prices nothing; a body is one segment per 160 characters.
 */
export function renderMessage(accountSid: string, message: MessageRecord) {
  const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${message.sid}`;
  return {
    account_sid: accountSid,
    api_version: '2010-04-01',
    body: message.body,
    date_created: rfc2822(message.createdAt),
    date_sent: message.sentAt === null ? null : rfc2822(message.sentAt),
    date_updated: rfc2822(message.updatedAt),
    direction: 'outbound-api',
    error_code: message.errorCode,
    error_message: message.errorCode === null ? null : 'Unreachable destination handset',
    from: message.from,
    messaging_service_sid: message.messagingServiceSid,
    num_media: '0',
    num_segments: String(Math.max(1, Math.ceil(message.body.length / 160))),
    price: null,
    price_unit: 'USD',
    sid: message.sid,
    status: message.status,
    subresource_uris: { media: `${uri}/Media.json` },
    to: message.to,
    uri: `${uri}.json`,
  };
}
