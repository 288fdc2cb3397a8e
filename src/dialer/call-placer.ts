import type { Twilio } from 'twilio';

/** One outbound call to place: what calls.create is given. */
export interface CallRequest {
  readonly to: string;
  readonly from: string;
  /** Our answer webhook, fetched when the callee picks up. */
  readonly answerUrl: string;
  /** Our status webhook; it carries the attempt's id, so every callback names its attempt. */
  readonly statusCallbackUrl: string;
  readonly ringTimeoutSeconds: number;
  /** Async answering-machine detection, its result posted to this URL. */
  readonly machineDetectionUrl?: string;
}

/** A call as Twilio reports it. */
export interface CallSummary {
  readonly sid: string;
  readonly to: string;
  readonly from: string;
  readonly status: string;
  /** Epoch ms. */
  readonly createdAt: number;
  readonly answeredBy?: string;
  /** Seconds Twilio holds the call back for the account's calls-per-second limit. */
  readonly queueSeconds?: number;
}

/**
 * What became of a create. Twilio has no idempotency key, so only an answer decides:
 * - `placed`: Twilio has the call;
 * - `throttled`: HTTP 429 (20429, too many concurrent requests): not processed, safe to send again;
 * - `refused`: another 4xx: Twilio's answer for this number (e.g. 21215, no permission);
 * - `lost`: no usable answer (timeout, dropped connection, 5xx): the call may exist; it must
 *   be reconciled, never blindly sent again.
 */
export type CreateOutcome =
  | { readonly kind: 'placed'; readonly call: CallSummary }
  | { readonly kind: 'throttled'; readonly message: string }
  | { readonly kind: 'refused'; readonly code: number | undefined; readonly message: string }
  | { readonly kind: 'lost'; readonly message: string };

/** The REST side of dialing. */
export interface CallPlacer {
  create(request: CallRequest): Promise<CreateOutcome>;
  /** The newest calls to `to`, for reconciliation (a queued call has no start time yet). */
  recentCallsTo(to: string): Promise<readonly CallSummary[]>;
  fetch(callSid: string): Promise<CallSummary | undefined>;
  /** Ends a call: `canceled` while queued or ringing, `completed` once answered. */
  end(callSid: string, status: 'canceled' | 'completed'): Promise<void>;
}

const STATUS_EVENTS = ['initiated', 'ringing', 'answered', 'completed'];
/** Reconciliation reads one page: the calls an attempt could have made are the newest. */
const RECENT_PAGE = 20;

/**
 * Calls through the official SDK. `creates` must not retry on its own (retryLimit 0): a create
 * retried after a lost answer is exactly the double dial this design exists to prevent, and a
 * 429 goes back to the campaign's cache rather than holding a dial slot. `reads` (lists, fetches,
 * ending a call: all safe to repeat) retries as every other client does.
 */
export function createSdkCallPlacer(clients: { creates: Twilio; reads: Twilio }): CallPlacer {
  const { creates, reads } = clients;
  return {
    async create(request) {
      try {
        const call = await creates.calls.create({
          to: request.to,
          from: request.from,
          url: request.answerUrl,
          method: 'POST',
          statusCallback: request.statusCallbackUrl,
          statusCallbackMethod: 'POST',
          statusCallbackEvent: STATUS_EVENTS,
          timeout: request.ringTimeoutSeconds,
          ...(request.machineDetectionUrl === undefined
            ? {}
            : {
                machineDetection: 'Enable',
                asyncAmd: 'true',
                asyncAmdStatusCallback: request.machineDetectionUrl,
                asyncAmdStatusCallbackMethod: 'POST',
              }),
        });
        return { kind: 'placed', call: summarise(call) };
      } catch (error) {
        return classify(error);
      }
    },
    async recentCallsTo(to) {
      const calls = await reads.calls.list({ to, limit: RECENT_PAGE, pageSize: RECENT_PAGE });
      return calls.map(summarise);
    },
    async fetch(callSid) {
      try {
        return summarise(await reads.calls(callSid).fetch());
      } catch (error) {
        if ((error as { status?: unknown }).status === 404) return undefined;
        throw error;
      }
    },
    async end(callSid, status) {
      await reads.calls(callSid).update({ status });
    },
  };
}

function summarise(call: {
  sid: string;
  to: string;
  from: string;
  status: string;
  dateCreated: Date;
  answeredBy?: string | null;
  queueTime?: string | null;
}): CallSummary {
  const queueMs = call.queueTime == null ? Number.NaN : Number(call.queueTime);
  return {
    sid: call.sid,
    to: call.to,
    from: call.from,
    status: call.status,
    createdAt: call.dateCreated.getTime(),
    ...(call.answeredBy == null ? {} : { answeredBy: call.answeredBy }),
    ...(Number.isFinite(queueMs) ? { queueSeconds: queueMs / 1000 } : {}),
  };
}

function classify(error: unknown): CreateOutcome {
  const { status, code, message } = error as {
    status?: unknown;
    code?: unknown;
    message?: unknown;
  };
  const text = typeof message === 'string' ? message : String(error);
  const twilioCode = typeof code === 'number' ? code : undefined;
  if (status === 429 || twilioCode === 20429) return { kind: 'throttled', message: text };
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { kind: 'refused', code: twilioCode, message: text };
  }
  return { kind: 'lost', message: text };
}
