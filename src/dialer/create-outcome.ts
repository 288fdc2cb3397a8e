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
 * - `placed`: Twilio has the call, or (Studio) the execution that places it: `call` is then
 *   absent, and the call's SID comes with the flow's first report of it;
 * - `throttled`: HTTP 429 (20429, too many concurrent requests): not processed, safe to send again;
 * - `engaged`: HTTP 409 (20409, Studio): an execution of the flow is already active for this
 *   contact, so the contact is in a call (or a flow) right now: not a double dial, and not to be
 *   sent again at once;
 * - `refused`: another 4xx: Twilio's answer for this number (e.g. 21215, no permission);
 * - `lost`: no usable answer (timeout, dropped connection, 5xx): the call may exist; it must
 *   be reconciled, never blindly sent again.
 */
export type CreateOutcome =
  | { readonly kind: 'placed'; readonly call?: CallSummary; readonly executionSid?: string }
  | { readonly kind: 'throttled'; readonly message: string }
  | { readonly kind: 'engaged'; readonly code: number | undefined; readonly message: string }
  | { readonly kind: 'refused'; readonly code: number | undefined; readonly message: string }
  | { readonly kind: 'lost'; readonly message: string };

/** Twilio's code for a request that conflicts with a resource's state (Studio: an active execution). */
const CONFLICT = 20409;

/** How an error from an SDK create (calls or executions) is read; see CreateOutcome. */
export function classifyCreateError(error: unknown): Exclude<CreateOutcome, { kind: 'placed' }> {
  const { status, code, message } = error as {
    status?: unknown;
    code?: unknown;
    message?: unknown;
  };
  const text = typeof message === 'string' ? message : String(error);
  const twilioCode = typeof code === 'number' ? code : undefined;
  if (status === 429 || twilioCode === 20429) return { kind: 'throttled', message: text };
  if (status === 409 || twilioCode === CONFLICT) {
    return { kind: 'engaged', code: twilioCode, message: text };
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { kind: 'refused', code: twilioCode, message: text };
  }
  return { kind: 'lost', message: text };
}
