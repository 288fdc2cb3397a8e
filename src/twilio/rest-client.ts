import twilio, { type Twilio } from 'twilio';
import type { Logger } from '../logger.js';
import type { RetryPolicy } from './backoff.js';
import { TwilioHttpClient } from './http-client.js';

export interface TwilioRestClientOptions {
  readonly accountSid: string;
  readonly authToken: string;
  /** TWILIO_API_BASE_URL: the emulator, or any server that speaks Twilio's REST shapes. */
  readonly apiBaseUrl?: string;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly maxRetryAfterMs: number;
  readonly maxRequestsPerSecond: number;
  readonly logger: Logger;
}

/**
 * The one way holdline talks to Twilio REST: the official SDK, with our HTTP client underneath
 * (base-URL redirect, timeouts, retry policy; see TwilioHttpClient). Its own autoRetry stays
 * off so that there is one retry policy, not two multiplied.
 */
export function createTwilioRestClient(options: TwilioRestClientOptions): Twilio {
  return twilio(options.accountSid, options.authToken, {
    httpClient: new TwilioHttpClient(options),
    autoRetry: false,
  });
}
