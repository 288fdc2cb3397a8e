import type { Twilio } from 'twilio';
import type { CallSummary, CreateOutcome } from './create-outcome.js';
import { classifyCreateError } from './create-outcome.js';

/** One outbound call to place, for one attempt: what calls.create (or a flow) is given. */
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
  /**
   * `DetectMessageEnd` when a message is left on machines: the result then comes after the
   * greeting's beep, so the message is recorded whole; `Enable` answers sooner.
   */
  readonly machineDetection?: 'Enable' | 'DetectMessageEnd';
  /** Whose call it is: a flow's parameters carry them, and reconciliation looks for them. */
  readonly campaignId: string;
  readonly contactId: string;
  readonly attemptId: string;
  /** Where a Studio Flow reports the call (POST /callstatus). */
  readonly flowStatusUrl: string;
}

/** When a create's call (or execution) can have been created: from a little before it was sent. */
export interface CreatedWindow {
  readonly from: number;
  readonly to: number;
}

/** What reconciliation found of a create whose answer was lost. */
export type Created =
  | { readonly kind: 'call'; readonly call: CallSummary }
  /** The flow execution the create started; its call is not known (yet). */
  | { readonly kind: 'execution'; readonly sid: string; readonly active: boolean };

/**
 * The REST side of dialing, one per way of dialing (calls.create, a Studio Flow's executions):
 * the attempt logic (dial-attempt.ts, reconcile-attempt.ts) is the same for both.
 */
export interface CallPlacer {
  create(request: CallRequest): Promise<CreateOutcome>;
  /**
   * What a create for this request made, if anything, created within `window` (epoch ms, `to`
   * excluded). `taken` says whether a call already belongs to another attempt.
   */
  findCreated(
    request: CallRequest,
    window: CreatedWindow,
    taken: (callSid: string) => Promise<boolean>,
  ): Promise<Created | undefined>;
  fetch(callSid: string): Promise<CallSummary | undefined>;
  /** Ends a call: `canceled` while queued or ringing, `completed` once answered. */
  end(callSid: string, status: 'canceled' | 'completed'): Promise<void>;
  /** Gives an answered call new TwiML from `url` (it leaves a queue or a bridge for it). */
  redirect(callSid: string, url: string): Promise<void>;
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
                machineDetection: request.machineDetection ?? 'Enable',
                asyncAmd: 'true',
                asyncAmdStatusCallback: request.machineDetectionUrl,
                asyncAmdStatusCallbackMethod: 'POST',
              }),
        });
        return { kind: 'placed', call: summariseCall(call) };
      } catch (error) {
        return classifyCreateError(error);
      }
    },
    // The newest calls to the number, read without a StartTime filter (a queued call has no
    // start time yet): one from the campaign's caller ID, created since the dial and owned by
    // no other attempt, is this attempt's.
    async findCreated(request, window, taken) {
      const recent = await reads.calls.list({
        to: request.to,
        limit: RECENT_PAGE,
        pageSize: RECENT_PAGE,
      });
      const calls = recent.map(summariseCall).sort((a, b) => a.createdAt - b.createdAt);
      for (const call of calls) {
        if (call.from !== request.from) continue;
        if (call.createdAt < window.from || call.createdAt >= window.to) continue;
        if (await taken(call.sid)) continue;
        return { kind: 'call', call };
      }
      return undefined;
    },
    async fetch(callSid) {
      try {
        return summariseCall(await reads.calls(callSid).fetch());
      } catch (error) {
        if ((error as { status?: unknown }).status === 404) return undefined;
        throw error;
      }
    },
    async end(callSid, status) {
      await reads.calls(callSid).update({ status });
    },
    async redirect(callSid, url) {
      await reads.calls(callSid).update({ url, method: 'POST' });
    },
  };
}

function summariseCall(call: {
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
