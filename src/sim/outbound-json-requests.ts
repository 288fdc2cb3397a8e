import { randomUUID } from 'node:crypto';
import { EVENT_STREAMS_PATH } from '../outbound/event-streams-route.js';
import { attemptPath, readCallStatus, statusCallbackParams } from './outbound-requests.js';
import {
  SIMULATED_ACCOUNT_SID,
  UsageError,
  callBasics,
  defined,
  type JsonRequest,
  type SimulateOptions,
} from './request-parts.js';

/**
 * The JSON requests about a campaign's call: an Event Streams delivery to our webhook sink and
 * a Studio Flow's HTTP Request widget reporting a call it placed. Pure: the CLI authenticates
 * and sends.
 */

/** The Event Streams step (its event type's last word) that reports each call status. */
const STEP_OF_STATUS: Readonly<Record<string, string>> = {
  initiated: 'initiated',
  ringing: 'ringing',
  'in-progress': 'answered',
  completed: 'completed',
  busy: 'completed',
  'no-answer': 'completed',
  failed: 'completed',
  canceled: 'completed',
};

export function isJsonCommand(command: string): boolean {
  return command === 'event-stream' || command === 'studio-status';
}

export function buildJsonRequest(
  command: string,
  args: readonly string[],
  options: SimulateOptions,
): JsonRequest {
  switch (command) {
    case 'event-stream':
      return {
        method: 'POST',
        path: EVENT_STREAMS_PATH,
        json: [callEvent(args[0], options)],
        auth: 'event-streams',
      };
    case 'studio-status': {
      if (options.campaign === undefined || (options.attempt ?? options.contact) === undefined) {
        throw new UsageError(
          'studio-status needs --campaign ID and --attempt ID (or --contact ID)',
        );
      }
      return {
        method: 'POST',
        path: '/callstatus',
        json: defined({
          campaign: options.campaign,
          attempt: options.attempt,
          contact: options.contact,
          CallSid: callBasics(options.callSid).CallSid,
          CallStatus: readCallStatus(args[0] ?? 'failed'),
          AnsweredBy: options.answeredBy,
          reason: options.reason,
        }),
        auth: 'api-token',
      };
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/**
 * A call progress event as Event Streams sends it (CloudEvents 1.0, Voice.WebhookEvent): its
 * `data` is the status callback request Twilio made — the URL the dialer gave it, with our
 * campaign and attempt, and its parameters — as the emulator's event-streams-calls.ts builds it.
 */
function callEvent(status: string | undefined, options: SimulateOptions) {
  const callStatus = readCallStatus(status);
  if (options.baseUrl === undefined) throw new UsageError('event-stream needs the base URL');
  const params = statusCallbackParams(callStatus, options);
  const at = new Date(options.now ?? Date.now());
  return {
    specversion: '1.0',
    type: `com.twilio.voice.status-callback.call.${STEP_OF_STATUS[callStatus] ?? 'completed'}`,
    source: `/2010-04-01/Accounts/${SIMULATED_ACCOUNT_SID}/Calls/${params.CallSid ?? ''}.json`,
    id: `EZ${randomUUID().replaceAll('-', '')}`,
    dataschema: 'https://events-schemas.twilio.com/Voice.WebhookEvent/2',
    datacontenttype: 'application/json',
    time: at.toISOString(),
    data: {
      sid: params.CallSid,
      timestamp: at.toISOString(),
      requestDateCreated: at.toUTCString(),
      request: {
        method: 'POST',
        url: options.baseUrl + attemptPath('/outbound/status', options),
        parameters: params,
      },
    },
  };
}
