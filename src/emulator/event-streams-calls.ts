import type { CallRecord } from './call-record.js';
import type { SignedRequest } from './call-webhooks.js';

/** A call progress step as Event Streams names it (the name since 2024). */
export function callEventType(step: string): string {
  return `com.twilio.voice.status-callback.call.${step}`;
}

/**
 * The event's `data` (Voice.WebhookEvent): the call's SID and the status callback request
 * Twilio made — its URL and its parameters — as the docs' examples show it.
 */
export function callEventData(
  call: CallRecord,
  request: SignedRequest,
  now: number,
): Record<string, unknown> {
  return {
    sid: call.sid,
    timestamp: new Date(now).toISOString(),
    requestDateCreated: new Date(now).toUTCString(),
    request: { method: request.method, url: request.url, parameters: { ...request.params } },
  };
}
