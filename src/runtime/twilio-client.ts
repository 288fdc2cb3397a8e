import type { Twilio } from 'twilio';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/registry.js';
import { createTwilioRestClient } from '../twilio-rest/rest-client.js';
import type { RateLimiter } from '../twilio-rest/rate-limiter.js';
import type { TwilioAccess } from './twilio-access.js';

/**
 * A REST client for one part of the process (the poller, the eligibility jobs, the dialer, the
 * sink check): the access's credentials and base URL and the configured timeout, retries and
 * pace, with what that part changes.
 */
export function twilioClientFor(
  access: TwilioAccess,
  config: Config,
  part: {
    logger: Logger;
    /** A Retry-After longer than this is not waited out. */
    maxRetryAfterMs: number;
    retryLimit?: number;
    maxRequestsPerSecond?: number;
    pace?: RateLimiter;
    metrics?: Metrics | undefined;
  },
): Twilio {
  return createTwilioRestClient({
    accountSid: access.accountSid,
    authToken: access.authToken,
    apiBaseUrl: access.apiBaseUrl,
    timeoutMs: config.twilio.requestTimeoutMs,
    retry: {
      ...config.twilio.retry,
      retryLimit: part.retryLimit ?? config.twilio.retry.retryLimit,
    },
    maxRetryAfterMs: part.maxRetryAfterMs,
    maxRequestsPerSecond: part.maxRequestsPerSecond ?? config.twilio.maxRequestsPerSecond,
    logger: part.logger,
    ...(part.pace === undefined ? {} : { pace: part.pace }),
    ...(part.metrics === undefined ? {} : { metrics: part.metrics }),
  });
}
