import twilio from 'twilio';

/**
 * Signs a request the way Twilio does (HMAC-SHA1 over the URL and the sorted POST parameters).
 * Used by the simulate CLI, the demo's printed curl line, the tests and the benchmark: never by
 * the app itself, which only validates.
 */
export function signTwilioRequest(
  authToken: string,
  url: string,
  params: Readonly<Record<string, string>> = {},
): string {
  return twilio.getExpectedTwilioSignature(authToken, url, { ...params });
}
