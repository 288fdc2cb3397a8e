import { fetchUntilAborted } from './abortable-fetch.js';
import type { CallRequest } from './call-record.js';
import type { EmulatedCall } from './call-state.js';
import type { ExecutionRecord, FlowReport } from './studio-execution.js';

/**
 * The flow every emulated execution runs: the template docs/outbound.md asks teams to build.
 *   call    Make Outgoing Call to {{contact.channel.address}} from {{flow.channel.address}},
 *           ringing {{flow.data.ring_timeout}} seconds;
 *   answer  on Answered, TwiML Redirect to {{flow.data.answer_url}} (Twilio Voice fetches it,
 *           signed, as it fetches a call's Url);
 *   report  when the call is over (busy, no answer, failed, or the answered call ended), HTTP
 *           Request POST to {{flow.data.status_url}}, JSON, `Authorization: Bearer …`: the
 *           call's SID and status with the execution, contact and attempt from flow.data.
 */

const DEFAULT_RING_SECONDS = 60;
const HANG_UP = '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>';

/** The call the `call` widget places, with the `answer` widget's redirect as its Url. */
export function templateCall(execution: ExecutionRecord): CallRequest {
  const answerUrl = httpUrl(execution.parameters.answer_url);
  const ring = Number(execution.parameters.ring_timeout);
  return {
    to: execution.to,
    from: execution.from,
    url: answerUrl ?? null,
    twiml: answerUrl === undefined ? HANG_UP : null,
    method: 'POST',
    // Studio follows its own call's progress; nothing is sent to the app but the report.
    statusCallback: null,
    statusCallbackMethod: 'POST',
    statusCallbackEvents: [],
    timeoutSeconds:
      Number.isInteger(ring) && ring >= 1 && ring <= 600 ? ring : DEFAULT_RING_SECONDS,
    machineDetection: null,
    asyncAmd: false,
    asyncAmdStatusCallback: null,
    asyncAmdStatusCallbackMethod: 'POST',
  };
}

/** What the `call` widget records: `{{widgets.call.CallSid}}` and the rest. */
export function callWidget(call: EmulatedCall): Record<string, string> {
  return {
    CallSid: call.sid,
    CallStatus: call.status,
    To: call.request.to,
    From: call.request.from,
    ...(call.answeredBy === null ? {} : { AnsweredBy: call.answeredBy }),
  };
}

/** The `report` widget's post; never throws (no answer is a null status). */
export async function postReport(
  execution: ExecutionRecord,
  call: EmulatedCall,
  bearerToken: string | undefined,
  signal: AbortSignal,
): Promise<FlowReport | undefined> {
  const url = httpUrl(execution.parameters.status_url);
  if (url === undefined) return undefined;
  const body: Record<string, string> = {
    ...pick(execution.parameters, ['execution', 'contact', 'attempt']),
    CallSid: call.sid,
    CallStatus: call.status,
    ...(call.answeredBy === null ? {} : { AnsweredBy: call.answeredBy }),
  };
  try {
    const { response } = await fetchUntilAborted(
      url,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Twilio-Studio',
          ...(bearerToken === undefined ? {} : { Authorization: `Bearer ${bearerToken}` }),
        },
        body: JSON.stringify(body),
        redirect: 'manual',
      },
      signal,
    );
    return { url, body, status: response.status };
  } catch {
    return { url, body, status: null };
  }
}

function httpUrl(value: unknown): string | undefined {
  return typeof value === 'string' && /^https?:\/\//.test(value) ? value : undefined;
}

function pick(data: Readonly<Record<string, unknown>>, keys: readonly string[]) {
  const picked: Record<string, string> = {};
  for (const key of keys) {
    const value = data[key];
    if (typeof value === 'string' || typeof value === 'number') picked[key] = String(value);
  }
  return picked;
}
