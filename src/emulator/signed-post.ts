import twilio from 'twilio';

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
  // One signal of its own per post, tied to the emulator's for as long as the post lasts: fetch
  // leaves its listener on the signal it is given, and the emulator's lives as long as it does.
  const post = new AbortController();
  const abort = () => post.abort(args.signal.reason);
  if (args.signal.aborted) abort();
  else args.signal.addEventListener('abort', abort, { once: true });
  try {
    const response = await fetch(args.url, {
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
      signal: post.signal,
    });
    await response.arrayBuffer();
    return { at, status: response.status, error: null };
  } catch (error) {
    return { at, status: null, error: describe(error) };
  } finally {
    args.signal.removeEventListener('abort', abort);
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string } } | null)?.cause;
  if (cause?.code !== undefined) return cause.code;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
