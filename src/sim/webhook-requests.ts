import { randomBytes } from 'node:crypto';

/**
 * The webhook requests Twilio makes during a queued call, built from a few command-line words.
 * Pure: the CLI signs and sends what this returns.
 */
export interface WebhookRequest {
  readonly method: 'GET' | 'POST';
  /** Path and our own query string, e.g. `/voice/wait?queue=customers`. */
  readonly path: string;
  readonly params: Record<string, string>;
}

export type SimulateOptions = Partial<
  Record<
    | 'from'
    | 'to'
    | 'queue'
    | 'position'
    | 'queueTime'
    | 'announced'
    | 'after'
    | 'callSid'
    | 'queueSid',
    string
  >
> & { get?: boolean };

export const USAGE = `usage: npm run simulate -- <command> [options]

commands
  caller [QUEUE]         a new caller rings in (POST /voice/incoming[?queue=QUEUE])
                         --from +15550100001  --to +15550100000
  wait                   one hold-loop turn (POST /voice/wait)
                         --queue NAME  --position N  --queue-time SECONDS  --announced SECONDS
  taken                  a rep took the caller (POST /voice/dequeued, the <Queue url>)
                         --queue NAME  --queue-time SECONDS
  result RESULT          the caller left the queue (POST /voice/queue-result), RESULT = bridged
                         (sent when the call ends), hangup, leave, queue-full, ...
                         --queue NAME  --queue-time SECONDS
  rep                    a rep's loop (GET|POST /rep-call-complete); first call-in without options
                         --after DEQUEUE_RESULT --queue TRIED_QUEUE  --get

common options
  --url BASE_URL         where to send it (default PUBLIC_BASE_URL, else http://localhost:PORT)
  --call-sid CA...       --queue-sid QU...   --dry-run (print the curl line, send nothing)`;

export class UsageError extends Error {}

const newCallSid = () => `CA${randomBytes(16).toString('hex')}`;

function withQuery(path: string, query: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, value);
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

function defined(params: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

export function buildWebhookRequest(
  command: string | undefined,
  args: readonly string[],
  options: SimulateOptions,
): WebhookRequest {
  const call = {
    CallSid: options.callSid ?? newCallSid(),
    AccountSid: `AC${'0'.repeat(32)}`,
    ApiVersion: '2010-04-01',
  };
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
          QueueResult: result,
          QueueSid: options.queueSid,
          QueueTime: options.queueTime ?? '0',
        }),
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
