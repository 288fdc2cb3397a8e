import { buildJsonRequest, isJsonCommand } from './outbound-json-requests.js';
import { buildOutboundRequest, isOutboundCommand } from './outbound-requests.js';
import {
  callBasics,
  defined,
  newCallSid,
  SIMULATED_ACCOUNT_SID,
  UsageError,
  withQuery,
  type SimulateOptions,
  type WebhookRequest,
} from './request-parts.js';

/**
 * The webhook requests Twilio makes, built from a few command-line words: those of a queued
 * inbound call here, those of a campaign's outbound call in outbound-requests.ts and
 * outbound-json-requests.ts. Pure: the CLI signs and sends what this returns.
 */

export function buildWebhookRequest(
  command: string | undefined,
  args: readonly string[],
  options: SimulateOptions,
): WebhookRequest {
  if (command !== undefined && isOutboundCommand(command)) {
    return buildOutboundRequest(command, args, options);
  }
  if (command !== undefined && isJsonCommand(command)) {
    return buildJsonRequest(command, args, options);
  }
  const call = callBasics(options.callSid);
  switch (command) {
    case 'caller':
      return {
        method: 'POST',
        path: withQuery('/voice/incoming', { queue: args[0] ?? options.queue }),
        params: {
          ...call,
          From: options.from ?? '+15550100001',
          To: options.to ?? '+15550100000',
          CallStatus: 'ringing',
          Direction: 'inbound',
        },
      };
    case 'wait':
      return {
        method: 'POST',
        path: withQuery('/voice/wait', { queue: options.queue, announced: options.announced }),
        params: defined({
          ...call,
          QueueSid: options.queueSid,
          QueuePosition: options.position ?? '1',
          QueueTime: options.queueTime ?? '0',
        }),
      };
    case 'taken':
      return {
        method: 'POST',
        path: withQuery('/voice/dequeued', { queue: options.queue }),
        params: defined({
          ...call,
          QueueSid: options.queueSid,
          QueueTime: options.queueTime ?? '0',
          DequeingCallSid: newCallSid(),
        }),
      };
    case 'result': {
      const result = args[0];
      if (result === undefined)
        throw new UsageError('result needs a QueueResult, e.g. `result bridged`');
      return {
        method: 'POST',
        path: withQuery('/voice/queue-result', { queue: options.queue }),
        params: defined({
          ...call,
          // The Enqueue action carries the call's numbers: a bridged caller's survey goes to From.
          From: options.from ?? '+15550100001',
          To: options.to ?? '+15550100000',
          QueueResult: result,
          QueueSid: options.queueSid,
          QueueTime: options.queueTime ?? '0',
        }),
      };
    }
    case 'sms-reply': {
      const body = args.join(' ');
      if (body === '') throw new UsageError('sms-reply needs the text, e.g. `sms-reply 5`');
      const sid = `SM${newCallSid().slice(2)}`;
      return {
        method: 'POST',
        path: '/sms/incoming',
        params: {
          MessageSid: sid,
          SmsMessageSid: sid,
          SmsSid: sid,
          AccountSid: SIMULATED_ACCOUNT_SID,
          ApiVersion: '2010-04-01',
          From: options.from ?? '+15550100001',
          To: options.to ?? '+15550100000',
          Body: body,
          NumMedia: '0',
          NumSegments: '1',
          SmsStatus: 'received',
        },
      };
    }
    case 'rep':
      return {
        method: options.get === true ? 'GET' : 'POST',
        path: withQuery('/rep-call-complete', { queue: options.queue }),
        params: defined({ ...call, DequeueResult: options.after, QueueSid: options.queueSid }),
      };
    default:
      throw new UsageError(
        command === undefined ? 'name a command' : `unknown command "${command}"`,
      );
  }
}
