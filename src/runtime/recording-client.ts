import type { Twilio } from 'twilio';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { TwilioAccess } from './twilio-access.js';
import { twilioClientFor } from './twilio-client.js';

/**
 * The client voicemail recordings are fetched with for the admin page's player: this process's
 * Twilio access where it has one (embedded mode: the poller's, the emulator in the demo), else
 * the configured credentials (a web process beside a Redis worker). Undefined when there are none
 * (a demo web process whose emulator lives in the worker): the recording route is then absent.
 * A supervisor is waiting on it, so a long Retry-After fails the request rather than hold it.
 */
export function recordingClientFor(
  access: TwilioAccess | undefined,
  config: Config,
  logger: Logger,
): Twilio | undefined {
  const { accountSid, authToken, apiBaseUrl, workspaceSid } = config.twilio;
  const source: TwilioAccess | undefined =
    access ??
    (accountSid === undefined || authToken === undefined
      ? undefined
      : { accountSid, authToken, apiBaseUrl, workspaceSid, close: () => Promise.resolve() });
  if (source === undefined) return undefined;
  return twilioClientFor(source, config, {
    logger: logger.child({ component: 'recordings' }),
    maxRetryAfterMs: 2_000,
    retryLimit: 1,
  });
}
