import twilio, { type Twilio } from 'twilio';
import { TwilioHttpClient, type TwilioHttpClientOptions } from './http-client.js';

export interface TwilioRestClientOptions extends TwilioHttpClientOptions {
  readonly accountSid: string;
  readonly authToken: string;
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
