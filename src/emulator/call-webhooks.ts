import twilio from 'twilio';
import { fetchUntilAborted } from './abortable-fetch.js';
import { callDurationSeconds } from './call-resources.js';
import type { CallRecord, CallWebhook, HttpMethod } from './call-record.js';
import { rfc2822 } from './voice-resources.js';

/**
 * The requests Twilio makes about an outbound call — status callbacks, the Url fetched when the
 * call is answered, the async AMD callback — with Twilio's parameters, signed as Twilio signs
 * them (X-Twilio-Signature over the URL and, for a POST, the sorted form parameters: what
 * twilio.validateRequest checks). A GET carries the parameters in the query and signs the URL.
 */

/** The parameters every voice request about the call carries. */
export function callParams(accountSid: string, call: CallRecord, callStatus: string) {
  return {
    AccountSid: accountSid,
    ApiVersion: '2010-04-01',
    CallSid: call.sid,
    CallStatus: callStatus,
    Called: call.request.to,
    Caller: call.request.from,
    Direction: 'outbound-api',
    From: call.request.from,
    To: call.request.to,
  };
}

/** A status callback: CallbackSource, SequenceNumber (from 0, per call) and Timestamp added. */
export function statusCallbackParams(
  accountSid: string,
  call: CallRecord,
  callStatus: string,
  now: number,
): Record<string, string> {
  const params: Record<string, string> = {
    ...callParams(accountSid, call, callStatus),
    CallbackSource: 'call-progress-events',
    SequenceNumber: String(call.sequence),
    Timestamp: rfc2822(now),
  };
  if (call.answeredBy !== null) params.AnsweredBy = call.answeredBy;
  if (['completed', 'busy', 'failed', 'no-answer', 'canceled'].includes(callStatus)) {
    params.CallDuration = String(callDurationSeconds(call));
  }
  return params;
}

export interface SignedRequest {
  readonly kind: CallWebhook['kind'];
  readonly url: string;
  readonly method: HttpMethod;
  readonly params: Readonly<Record<string, string>>;
}

/** Makes one signed request; never throws (no answer is a null status). */
export async function sendSigned(
  request: SignedRequest,
  authToken: string,
  signal: AbortSignal,
): Promise<CallWebhook> {
  const { url, method, params } = request;
  const target = method === 'GET' ? withQuery(url, params) : url;
  const signature = twilio.getExpectedTwilioSignature(
    authToken,
    target,
    method === 'GET' ? {} : { ...params },
  );
  try {
    const { response, body } = await fetchUntilAborted(
      target,
      {
        method,
        headers: {
          'X-Twilio-Signature': signature,
          'User-Agent': 'TwilioProxy/1.1',
          ...(method === 'POST' ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: method === 'POST' ? new URLSearchParams(params).toString() : undefined,
        redirect: 'manual',
      },
      signal,
      (answer) => answer.text(),
    );
    return {
      ...request,
      status: response.status,
      body: request.kind === 'url' || request.kind === 'twiml' ? (body as string) : null,
    };
  } catch {
    return { ...request, status: null, body: null };
  }
}

function withQuery(url: string, params: Readonly<Record<string, string>>): string {
  const target = new URL(url);
  for (const [key, value] of Object.entries(params)) target.searchParams.append(key, value);
  return target.toString();
}
