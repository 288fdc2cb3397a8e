import twilio from 'twilio';
import { realWait, type Wait } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/registry.js';
import { backoffDelayMs, parseRetryAfterMs, type RetryPolicy } from './backoff.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';
import { currentRestContext, type RestCallContext } from './rest-call-context.js';

// The SDK's own types for its HTTP client hook (not re-exported at the top level).
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type SdkResponse from 'twilio/lib/http/response.js';

type RequestOptions = RequestClient.RequestOptions;
interface HttpResponse {
  statusCode: number;
  body: unknown;
  headers: Record<string, unknown>;
}

export type RestFailureKind = 'network' | 'timeout' | 'malformed';

/** A REST call that never got a usable HTTP answer (after its retries). */
export class TwilioRequestError extends Error {
  constructor(
    readonly kind: RestFailureKind,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'TwilioRequestError';
  }
}

export interface TwilioHttpClientOptions {
  /** Every call goes here instead of Twilio's hosts (the emulator, or a compatible server). */
  readonly apiBaseUrl?: string;
  /** Per attempt: a call that hangs must not hold a poll cycle hostage. */
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  /** A Retry-After longer than this is not waited out: the call fails and the cycle moves on. */
  readonly maxRetryAfterMs: number;
  /**
   * Client-side pace for every attempt through this client, retries included: a pace of its own
   * at this rate, unless `pace` is given.
   */
  readonly maxRequestsPerSecond: number;
  /** A pace shared with other clients (and, in Redis mode, other processes): see Paces. */
  readonly pace?: RateLimiter;
  readonly logger: Logger;
  /** Counts every attempt by outcome (429s apart from 5xx). */
  readonly metrics?: Pick<Metrics, 'restAttempts'>;
  readonly random?: () => number;
  readonly now?: () => number;
  /** Waits out the delay before a retry. */
  readonly wait?: Wait;
}

/**
 * The SDK's HTTP client with our policy around it. The SDK's own autoRetry retries only 429,
 * ignores Retry-After and loses the headers; here every attempt is seen whole:
 * - the URL (including paging's absolute next_page_url) is moved onto TWILIO_API_BASE_URL;
 * - attempts are paced client-side; each has a timeout; the caller's context can abort a wait;
 * - 429, 5xx, network errors, timeouts and a 2xx whose JSON does not parse are retried with
 *   full-jitter backoff, waiting at least Retry-After; any other status is Twilio's answer and
 *   goes back to the SDK at once (which turns a 4xx into a RestException).
 */
export class TwilioHttpClient extends twilio.RequestClient {
  private readonly base: URL | undefined;
  private readonly pace: RateLimiter;

  constructor(private readonly options: TwilioHttpClientOptions) {
    super({ timeout: options.timeoutMs, keepAlive: true });
    this.base = options.apiBaseUrl === undefined ? undefined : new URL(options.apiBaseUrl);
    this.pace = options.pace ?? createRateLimiter({ perSecond: options.maxRequestsPerSecond });
    // The SDK's RequestClient passes no responseType to axios, which then decodes every body
    // as UTF-8 text: a recording's bytes would come back mangled. A request that accepts
    // something other than JSON (`client.request({ headers: { Accept: 'audio/mpeg' } })`) is
    // read as raw bytes instead, its body a Buffer.
    this.axios.interceptors.request.use((config) => {
      const accept = config.headers.get('Accept');
      if (typeof accept === 'string' && accept !== '' && !accept.includes('json')) {
        config.responseType = 'arraybuffer';
      }
      return config;
    });
  }

  // Generic in the body type the SDK then trusts: the body is whatever came back.
  override async request<TData>(
    opts: RequestClient.RequestOptions<TData>,
  ): Promise<SdkResponse<TData>> {
    return (await this.requestWithRetries(opts)) as SdkResponse<TData>;
  }

  private async requestWithRetries(opts: RequestOptions): Promise<HttpResponse> {
    const context = currentRestContext();
    const uri = this.base === undefined ? opts.uri : moveOnto(this.base, opts.uri);
    for (let attempt = 1; ; attempt += 1) {
      await this.pace.take(context?.signal);
      if (context !== undefined) context.tally.requests += 1;
      const outcome = await this.attempt(
        // The SDK adds its headers to the object it is given: a fresh one per attempt.
        { ...opts, uri, timeout: this.options.timeoutMs, headers: { ...opts.headers } },
        context,
      );
      this.options.metrics?.restAttempts.inc({ outcome: attemptOutcome(outcome) });
      if (outcome.retryable === undefined) return outcome.response;
      const delayMs = this.delayBefore(attempt + 1, outcome.response);
      const lastTry = attempt > this.options.retry.retryLimit || delayMs === undefined;
      this.options.logger.debug(
        {
          method: opts.method,
          path: new URL(uri).pathname,
          attempt,
          failure: outcome.retryable.message,
          retryInMs: lastTry ? null : Math.round(delayMs),
        },
        'Twilio REST attempt failed',
      );
      if (lastTry) {
        if (context !== undefined) context.tally.failures += 1;
        if (outcome.response !== undefined && outcome.retryable.kind !== 'malformed') {
          return outcome.response; // the SDK turns a 429/5xx into a RestException with Twilio's code
        }
        throw outcome.retryable;
      }
      if (context !== undefined) context.tally.retries += 1;
      await (this.options.wait ?? realWait)(delayMs, context?.signal);
    }
  }

  private async attempt(
    opts: RequestOptions,
    context: RestCallContext | undefined,
  ): Promise<
    | { retryable: undefined; response: HttpResponse }
    | { retryable: TwilioRequestError; response: HttpResponse | undefined }
  > {
    let response: HttpResponse;
    try {
      response = (await abortable(super.request(opts), context?.signal)) as HttpResponse;
    } catch (error) {
      if (context?.signal?.aborted === true) throw error;
      const kind = isTimeout(error) ? 'timeout' : 'network';
      const message = `${opts.method.toUpperCase()} ${new URL(opts.uri).pathname}: ${kind} error (${describe(error)})`;
      return {
        retryable: new TwilioRequestError(kind, message, { cause: error }),
        response: undefined,
      };
    }
    const { statusCode } = response;
    if (statusCode === 429 || statusCode >= 500) {
      const message = `${opts.method.toUpperCase()} ${new URL(opts.uri).pathname}: HTTP ${statusCode}`;
      return { retryable: new TwilioRequestError('network', message), response };
    }
    // An empty 2xx (a 204 to a DELETE) is an answer; only text that should be JSON and is not
    // is a corrupted one.
    if (
      statusCode >= 200 &&
      statusCode < 300 &&
      typeof response.body === 'string' &&
      response.body.trim() !== ''
    ) {
      // axios hands back the raw text when it is not JSON: a truncated or corrupted answer.
      try {
        return { retryable: undefined, response: { ...response, body: JSON.parse(response.body) } };
      } catch (error) {
        const message = `${opts.method.toUpperCase()} ${new URL(opts.uri).pathname}: the JSON in a ${statusCode} answer does not parse`;
        return {
          retryable: new TwilioRequestError('malformed', message, { cause: error }),
          response,
        };
      }
    }
    return { retryable: undefined, response };
  }

  /** undefined = the server asks for a longer wait than we are willing to give. */
  private delayBefore(attempt: number, response: HttpResponse | undefined): number | undefined {
    const backoff = backoffDelayMs(attempt - 1, this.options.retry, this.options.random);
    const retryAfter = parseRetryAfterMs(
      response?.headers['retry-after'],
      (this.options.now ?? Date.now)(),
    );
    if (retryAfter === undefined) return backoff;
    if (retryAfter > this.options.maxRetryAfterMs) return undefined;
    return Math.max(backoff, retryAfter);
  }
}

/** What an attempt came to, as the metrics name it. */
function attemptOutcome(outcome: {
  retryable: TwilioRequestError | undefined;
  response: HttpResponse | undefined;
}): string {
  const status = outcome.response?.statusCode;
  if (outcome.retryable === undefined) return status !== undefined && status >= 400 ? '4xx' : 'ok';
  if (outcome.retryable.kind !== 'network' || status === undefined) return outcome.retryable.kind;
  return status === 429 ? '429' : '5xx';
}

/** Same path and query, on the configured base (which may itself have a path prefix). */
export function moveOnto(base: URL, uri: string): string {
  const original = new URL(uri);
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${original.pathname}${original.search}`;
}

/** The attempt's promise, or the signal's reason as soon as it aborts (the socket times out on its own). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  let onAbort = () => undefined as void;
  const aborted = new Promise<never>((_resolve, reject) => {
    onAbort = () => reject(asError(signal.reason));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([promise, aborted]).finally(() =>
    signal.removeEventListener('abort', onAbort),
  );
}

function asError(reason: unknown): Error {
  return reason instanceof Error ? reason : new Error(String(reason));
}

function isTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ECONNABORTED' || code === 'ETIMEDOUT';
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' ? `${code}: ${message}` : message;
}
