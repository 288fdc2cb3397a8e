import type { TwilioAccess } from '../runtime/twilio-access.js';

/**
 * REST access for the dialing alone (no TaskRouter workspace), to Twilio or to an emulator the
 * caller started and closes itself: the dialing processes, the benchmarks and their harnesses.
 */
export function restAccess(given: {
  accountSid: string | undefined;
  authToken: string | undefined;
  apiBaseUrl: string | undefined;
}): TwilioAccess {
  return {
    accountSid: given.accountSid ?? '',
    authToken: given.authToken ?? '',
    apiBaseUrl: given.apiBaseUrl,
    workspaceSid: undefined,
    close: () => Promise.resolve(),
  };
}
