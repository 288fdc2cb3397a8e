import { randomBytes } from 'node:crypto';
import { signTwilioRequest } from '../../src/twilio-webhook/sign.js';

export const WAIT_PATH = '/voice/wait?queue=customers';

/** A POST body and headers as Twilio sends them to an Enqueue waitUrl, mid-hold. */
export interface WaitRequest {
  readonly path: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

export function buildWaitRequest(input: {
  accountSid: string;
  authToken: string;
  publicBaseUrl: string;
}): WaitRequest {
  const params: Record<string, string> = {
    AccountSid: input.accountSid,
    CallSid: `CA${hex(16)}`,
    From: '+15550100001',
    To: '+15550100000',
    CallStatus: 'in-progress',
    ApiVersion: '2010-04-01',
    Direction: 'inbound',
    QueueSid: `QU${hex(16)}`,
    QueuePosition: '3',
    QueueTime: '42',
    AvgQueueTime: '30',
    CurrentQueueSize: '5',
    MaxQueueSize: '100',
  };
  return {
    path: WAIT_PATH,
    body: new URLSearchParams(params).toString(),
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signTwilioRequest(
        input.authToken,
        input.publicBaseUrl + WAIT_PATH,
        params,
      ),
    },
  };
}

/**
 * One request before the load: a benchmark of 403s, or of the fallback document the wait route
 * answers (with 200) when its handler throws, would measure the wrong path. The real answer to
 * this body announces the position, so it has a Say; that fallback has none.
 */
export async function checkAnswersTwiml(baseUrl: string, request: WaitRequest): Promise<void> {
  const response = await fetch(baseUrl + request.path, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  });
  const text = await response.text();
  if (response.status !== 200 || !text.includes('<Response>') || !text.includes('<Say')) {
    throw new Error(
      `POST ${baseUrl}${request.path} answered ${response.status} with:\n${text.slice(0, 500)}\n` +
        'expected 200 and a TwiML <Response> with a <Say>; not benchmarking that.',
    );
  }
}
