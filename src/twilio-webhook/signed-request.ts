import { signTwilioRequest } from './sign.js';

/** A webhook request as Twilio would send it: URL, form parameters and signature. */
export interface SignedRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly params: Readonly<Record<string, string>>;
  readonly signature: string;
}

export function buildSignedRequest(input: {
  authToken: string;
  method: 'GET' | 'POST';
  url: string;
  params: Readonly<Record<string, string>>;
}): SignedRequest {
  // For a GET, Twilio puts the parameters in the URL and signs the URL alone.
  const url =
    input.method === 'GET' && Object.keys(input.params).length > 0
      ? `${input.url}${input.url.includes('?') ? '&' : '?'}${new URLSearchParams(input.params).toString()}`
      : input.url;
  const params = input.method === 'GET' ? {} : input.params;
  return {
    method: input.method,
    url,
    params,
    signature: signTwilioRequest(input.authToken, url, params),
  };
}

const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

/** The same request as a curl command line, to paste into a terminal. */
export function formatCurl(request: SignedRequest): string {
  const lines = [`curl -sS -X ${request.method} ${shellQuote(request.url)}`];
  lines.push(`  -H ${shellQuote(`X-Twilio-Signature: ${request.signature}`)}`);
  for (const [key, value] of Object.entries(request.params)) {
    lines.push(`  --data-urlencode ${shellQuote(`${key}=${value}`)}`);
  }
  return lines.join(' \\\n');
}
