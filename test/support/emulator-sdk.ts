import type { Twilio } from 'twilio';
import type { Emulator } from '../../src/emulator/emulator.js';
import { createTwilioRestClient } from '../../src/twilio-rest/rest-client.js';
import { captureLogger, type LogLine } from './capture-logger.js';

export const EMULATOR_ACCOUNT_SID = 'AC0123456789abcdef0123456789abcdef';
export const EMULATOR_AUTH_TOKEN = 'emulator-test-token';
/** A fixed instant for the workspace clock: numbers stay as set, windows are exact. */
export const EMULATOR_NOW = Date.parse('2026-11-23T10:00:00Z');
export const fixedClock = { now: () => EMULATOR_NOW };

export type { LogLine } from './capture-logger.js';

/**
 * The app's own Twilio client (the official SDK over our retrying HTTP client) pointed at an
 * emulator, with its logs captured. Short backoffs keep retry tests quick; Retry-After still
 * sets the floor.
 */
export function sdkFor(
  emulator: Emulator,
  options: {
    authToken?: string;
    timeoutMs?: number;
    retryLimit?: number;
    minBackoffMs?: number;
    maxBackoffMs?: number;
    maxRetryAfterMs?: number;
    /** The client's own pacing; generous by default so that only the emulator limits. */
    maxRequestsPerSecond?: number;
  } = {},
): { client: Twilio; logs: LogLine[] } {
  const { logger, lines: logs } = captureLogger();
  const client = createTwilioRestClient({
    accountSid: emulator.accountSid,
    authToken: options.authToken ?? EMULATOR_AUTH_TOKEN,
    apiBaseUrl: emulator.baseUrl,
    timeoutMs: options.timeoutMs ?? 5_000,
    retry: {
      retryLimit: options.retryLimit ?? 3,
      minBackoffMs: options.minBackoffMs ?? 10,
      maxBackoffMs: options.maxBackoffMs ?? 50,
    },
    maxRetryAfterMs: options.maxRetryAfterMs ?? 5_000,
    maxRequestsPerSecond: options.maxRequestsPerSecond ?? 1_000,
    logger,
  });
  return { client, logs };
}

/** HTTP Basic for the emulator's account, for raw requests. */
export function basicAuth(
  authToken = EMULATOR_AUTH_TOKEN,
  accountSid = EMULATOR_ACCOUNT_SID,
): string {
  return `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
}

/** GET a Twilio path on the emulator as the account; the parsed JSON and the status. */
export async function getJson(
  emulator: Emulator,
  path: string,
  authorization = basicAuth(),
): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${emulator.baseUrl}${path}`, { headers: { authorization } });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    headers: response.headers,
  };
}
