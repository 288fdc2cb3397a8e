import { DEFAULT_OPT_OUT_DIGIT } from '../outbound/campaign.js';
import {
  callBasics,
  defined,
  SIMULATED_ACCOUNT_SID,
  UsageError,
  withQuery,
  type FormRequest,
  type SimulateOptions,
} from './request-parts.js';

/**
 * The requests Twilio makes about a campaign's outbound call, each on a URL the dialer gave it
 * (outbound-urls.ts: `?campaign=…&attempt=…`), with the parameters Twilio sends: the answered
 * call fetching its Url, the callee's <Enqueue> wait and action, the status callback, the
 * async AMD callback and the opt-out <Gather> action. Pure: the CLI signs and sends.
 */

/** The statuses a status callback reports: the four progress events and every way a call ends. */
export const CALL_STATUSES = [
  'initiated',
  'ringing',
  'in-progress',
  'completed',
  'busy',
  'no-answer',
  'failed',
  'canceled',
] as const;
const ENDED = new Set(['completed', 'busy', 'no-answer', 'failed', 'canceled']);
/** Twilio's SequenceNumber counts a call's callbacks from 0: where each status usually falls. */
const USUAL_SEQUENCE: Readonly<Record<string, number>> = {
  initiated: 0,
  ringing: 1,
  'in-progress': 2,
  completed: 3,
  busy: 2,
  'no-answer': 2,
  canceled: 2,
  failed: 1,
};

/** AnsweredBy as Twilio's answering machine detection reports it. */
export const ANSWERED_BY = [
  'human',
  'machine_start',
  'machine_end_beep',
  'machine_end_silence',
  'machine_end_other',
  'fax',
  'unknown',
] as const;

const OUTBOUND_COMMANDS = new Set([
  'callee-answer',
  'callee-wait',
  'callee-result',
  'call-status',
  'amd',
  'opt-out',
]);

export function isOutboundCommand(command: string): boolean {
  return OUTBOUND_COMMANDS.has(command);
}

/** `/path?campaign=…&attempt=…`, the URL every outbound webhook is given; both ids required. */
export function attemptPath(path: string, options: SimulateOptions): string {
  if (options.campaign === undefined || options.attempt === undefined) {
    throw new UsageError('outbound webhooks need --campaign ID and --attempt ID');
  }
  return withQuery(path, { campaign: options.campaign, attempt: options.attempt });
}

/** The parameters of any request about a call we created: From is our number, To the callee. */
function outboundCall(options: SimulateOptions, callStatus: string) {
  const from = options.from ?? '+15550100000';
  const to = options.to ?? '+14155550100';
  return {
    ...callBasics(options.callSid),
    CallStatus: callStatus,
    Direction: 'outbound-api',
    From: from,
    To: to,
    Caller: from,
    Called: to,
  };
}

function oneOf(what: string, value: string | undefined, allowed: readonly string[]): string {
  if (value === undefined || !allowed.includes(value)) {
    throw new UsageError(`${what} must be one of ${allowed.join(', ')}`);
  }
  return value;
}

/** A status callback's parameters (also the `data.request.parameters` of an Event Streams event). */
export function statusCallbackParams(
  status: string,
  options: SimulateOptions,
): Record<string, string> {
  const now = options.now ?? Date.now();
  return defined({
    ...outboundCall(options, status),
    CallbackSource: 'call-progress-events',
    SequenceNumber: options.sequence ?? String(USUAL_SEQUENCE[status] ?? 0),
    Timestamp: new Date(now).toUTCString().replace('GMT', '+0000'),
    AnsweredBy: options.answeredBy,
    // Only the end of a call says how long it lasted (0 when nobody answered).
    CallDuration: ENDED.has(status)
      ? (options.duration ?? (status === 'completed' ? '30' : '0'))
      : undefined,
  });
}

export function readCallStatus(status: string | undefined): string {
  return oneOf('the call status', status, CALL_STATUSES);
}

export function buildOutboundRequest(
  command: string,
  args: readonly string[],
  options: SimulateOptions,
): FormRequest {
  const post = (path: string, params: Record<string, string | undefined>): FormRequest => ({
    method: 'POST',
    path: attemptPath(path, options),
    params: defined(params),
  });
  const detection = options.detectionMs ?? '2400';
  switch (command) {
    case 'callee-answer': {
      // With synchronous AMD the Url waits for the result, and brings it.
      const answeredBy =
        options.answeredBy === undefined
          ? undefined
          : oneOf('--answered-by', options.answeredBy, ANSWERED_BY);
      return post('/outbound/answer', {
        ...outboundCall(options, 'in-progress'),
        AnsweredBy: answeredBy,
        MachineDetectionDuration: answeredBy === undefined ? undefined : detection,
      });
    }
    case 'callee-wait':
      return post('/outbound/wait', {
        ...outboundCall(options, 'in-progress'),
        QueueSid: options.queueSid,
        QueuePosition: options.position ?? '1',
        QueueTime: options.queueTime ?? '0',
      });
    case 'callee-result': {
      const result = args[0];
      if (result === undefined) {
        throw new UsageError('callee-result needs a QueueResult, e.g. `callee-result leave`');
      }
      return post('/outbound/queue-result', {
        ...outboundCall(options, result === 'hangup' ? 'completed' : 'in-progress'),
        QueueResult: result,
        QueueSid: options.queueSid,
        QueueTime: options.queueTime ?? (result === 'leave' ? '2' : '0'),
      });
    }
    case 'call-status':
      return post('/outbound/status', statusCallbackParams(readCallStatus(args[0]), options));
    case 'amd':
      // The async AMD callback carries only these four.
      return post('/outbound/amd', {
        AccountSid: SIMULATED_ACCOUNT_SID,
        CallSid: callBasics(options.callSid).CallSid,
        AnsweredBy: oneOf('the AMD result', args[0], ANSWERED_BY),
        MachineDetectionDuration: detection,
      });
    case 'opt-out':
      return post('/outbound/opt-out', {
        ...outboundCall(options, 'in-progress'),
        Digits: options.digits ?? DEFAULT_OPT_OUT_DIGIT,
      });
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}
