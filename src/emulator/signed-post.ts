import twilio from 'twilio';
import { fetchUntilAborted } from './abortable-fetch.js';

export interface DeliveryAttempt {
  /** Epoch ms, real time. */
  readonly at: number;
  /** The answer's status, or null when there was none. */
  readonly status: number | null;
  readonly error: string | null;
}

/**
 * One POST as Twilio makes its callbacks: the parameters form-encoded, X-Twilio-Signature the
 * HMAC-SHA1 of the URL and the sorted parameters with the auth token (twilio's own
 * getExpectedTwilioSignature, so the app's signature check agrees with it). Never throws: no
 * answer is an attempt with a null status and the error's code.
 */
export async function postSignedForm(args: {
  url: string;
  params: Readonly<Record<string, string>>;
  authToken: string;
  signal: AbortSignal;
}): Promise<DeliveryAttempt> {
  const at = Date.now();
  try {
    const { response } = await fetchUntilAborted(
      args.url,
      {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-Twilio-Signature': twilio.getExpectedTwilioSignature(args.authToken, args.url, {
            ...args.params,
          }),
          'User-Agent': 'TwilioProxy/1.1',
        },
        body: new URLSearchParams(args.params).toString(),
        redirect: 'manual',
      },
      args.signal,
    );
    return { at, status: response.status, error: null };
  } catch (error) {
    return { at, status: null, error: describe(error) };
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string } } | null)?.cause;
  if (cause?.code !== undefined) return cause.code;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
