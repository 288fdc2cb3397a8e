import { buildSignedRequest } from '../twilio-webhook/signed-request.js';

/** A signed form POST as Twilio makes it; resolves to the TwiML answered. */
export type TwilioPoster = (url: string, params: Record<string, string>) => Promise<string>;

/**
 * Posts as Twilio does, signed with the app's token; every answer other than 200 is written
 * down as a problem (a webhook always answers TwiML with 200).
 */
export function createTwilioPoster(options: {
  authToken: string;
  problems: string[];
  /** Called for every request sent. */
  onRequest: () => void;
}): TwilioPoster {
  return async (url, params) => {
    options.onRequest();
    const signed = buildSignedRequest({
      authToken: options.authToken,
      method: 'POST',
      url,
      params,
    });
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signed.signature,
      },
      body: new URLSearchParams(params).toString(),
    });
    const text = await response.text();
    if (response.status !== 200)
      options.problems.push(`${url} answered ${response.status}: ${text}`);
    return text;
  };
}

/**
 * A rep's <Dial><Queue> in an answer: the queue, the dial's action and the <Queue url>, as the
 * URLs Twilio would request (XML entities undone). undefined when the answer is not a dial.
 */
export function readQueueDial(
  twiml: string,
): { queue: string; actionUrl: string; dequeuedUrl: string | undefined } | undefined {
  const dial = /<Dial[^>]*\saction="([^"]*)"[^>]*>\s*<Queue([^>]*)>([^<]*)<\/Queue>/.exec(twiml);
  if (dial === null) return undefined;
  const [, action = '', queueAttributes = '', queue = ''] = dial;
  const url = /\surl="([^"]*)"/.exec(queueAttributes)?.[1];
  return {
    queue,
    actionUrl: unescapeXml(action),
    dequeuedUrl: url === undefined ? undefined : unescapeXml(url),
  };
}

const unescapeXml = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
