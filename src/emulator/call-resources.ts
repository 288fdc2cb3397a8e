import { ENDED_STATUSES, type CallRecord } from './call-record.js';
import { rfc2822 } from './voice-resources.js';

const SUBRESOURCES = [
  'notifications',
  'recordings',
  'payments',
  'events',
  'siprec',
  'streams',
  'transcriptions',
  'user_defined_message_subscriptions',
  'user_defined_messages',
];

const SUBRESOURCE_PATHS: Record<string, string> = {
  notifications: 'Notifications',
  recordings: 'Recordings',
  payments: 'Payments',
  events: 'Events',
  siprec: 'Siprec',
  streams: 'Streams',
  transcriptions: 'Transcriptions',
  user_defined_message_subscriptions: 'UserDefinedMessageSubscriptions',
  user_defined_messages: 'UserDefinedMessages',
};

/**
 * The 2010 API's Call resource (api.v2010.account.call) for an outbound-api call. Per the
 * description: start_time is empty until the call is dialed, end_time empty unless it
 * completed, duration empty for busy, failed, unanswered or ongoing calls; queue_time is a
 * string of milliseconds. The emulator prices nothing (price null).
 */
export function renderCall(accountSid: string, call: CallRecord) {
  const uri = `/2010-04-01/Accounts/${accountSid}/Calls/${call.sid}`;
  const completed = call.status === 'completed';
  return {
    account_sid: accountSid,
    answered_by: call.answeredBy,
    api_version: '2010-04-01',
    caller_name: null,
    date_created: rfc2822(call.createdAt),
    date_updated: rfc2822(call.updatedAt),
    direction: 'outbound-api',
    duration: completed ? String(callDurationSeconds(call)) : null,
    end_time: completed && call.endedAt !== null ? rfc2822(call.endedAt) : null,
    forwarded_from: null,
    from: call.request.from,
    from_formatted: formatNumber(call.request.from),
    group_sid: null,
    parent_call_sid: null,
    phone_number_sid: null,
    price: null,
    price_unit: 'USD',
    queue_time: String(call.dialAt - call.createdAt),
    sid: call.sid,
    start_time: call.startedAt === null ? null : rfc2822(call.startedAt),
    status: call.status,
    subresource_uris: Object.fromEntries(
      SUBRESOURCES.map((key) => [key, `${uri}/${SUBRESOURCE_PATHS[key] ?? key}.json`]),
    ),
    to: call.request.to,
    to_formatted: formatNumber(call.request.to),
    trunk_sid: null,
    uri: `${uri}.json`,
  };
}

/** Whole seconds from the answer to the end, rounded up (0 when never answered). */
export function callDurationSeconds(call: CallRecord): number {
  if (call.answeredAt === null || !ENDED_STATUSES.has(call.status) || call.endedAt === null) {
    return 0;
  }
  return Math.ceil((call.endedAt - call.answeredAt) / 1000);
}

/** North American numbers as "(415) 867-5309", as Twilio formats them; others as given. */
function formatNumber(number: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
  return nanp === null ? number : `(${nanp[1]}) ${nanp[2]}-${nanp[3]}`;
}
