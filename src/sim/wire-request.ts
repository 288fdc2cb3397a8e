import { createHash } from 'node:crypto';
import { signTwilioRequest } from '../twilio-webhook/sign.js';
import { buildSignedRequest, formatCurl } from '../twilio-webhook/signed-request.js';
import { UsageError, type JsonRequest, type WebhookRequest } from './request-parts.js';

/** A credential, and how the printed curl line names it instead of printing it. */
export interface Secret {
  readonly value: string;
  /** A shell expression for it, e.g. `$API_TOKEN` or `$(cat .data/demo-api-token)`. */
  readonly shell: string;
}

export interface WireCredentials {
  /** Signs what Twilio signs (the server's TWILIO_AUTH_TOKEN or demo token). */
  readonly authToken: string;
  /** EVENT_STREAMS_BASIC_AUTH (`user:password`): Event Streams then sends it, not a signature. */
  readonly basicAuth?: Secret | undefined;
  /** The /api bearer token a Studio Flow's widget sends. */
  readonly apiToken?: Secret | undefined;
}

/** The request as it goes out, and the same as a curl line to paste into a terminal. */
export interface WireRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly curl: string;
}

/** Signs a form request as Twilio does, or authenticates a JSON one as its sender does. */
export function toWireRequest(
  webhook: WebhookRequest,
  baseUrl: string,
  credentials: WireCredentials,
): WireRequest {
  if ('json' in webhook) return jsonWire(webhook, baseUrl, credentials);
  const signed = buildSignedRequest({
    authToken: credentials.authToken,
    method: webhook.method,
    url: baseUrl + webhook.path,
    params: webhook.params,
  });
  return {
    method: signed.method,
    url: signed.url,
    headers: {
      'X-Twilio-Signature': signed.signature,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: signed.method === 'POST' ? new URLSearchParams(signed.params).toString() : undefined,
    curl: formatCurl(signed),
  };
}

function jsonWire(
  webhook: JsonRequest,
  baseUrl: string,
  credentials: WireCredentials,
): WireRequest {
  const body = JSON.stringify(webhook.json);
  let url = baseUrl + webhook.path;
  /** The header sent, and the curl option that sends the same without printing the secret. */
  let header: { name: string; value: string; curl: string };
  if (webhook.auth === 'api-token') {
    const token = credentials.apiToken;
    if (token === undefined) {
      throw new UsageError(
        'no API token: set API_TOKEN, or start the demo once (npm start) so it writes demo-api-token',
      );
    }
    header = {
      name: 'Authorization',
      value: `Bearer ${token.value}`,
      curl: `-H "Authorization: Bearer ${token.shell}"`,
    };
  } else if (credentials.basicAuth !== undefined) {
    const basic = credentials.basicAuth;
    header = {
      name: 'Authorization',
      value: `Basic ${Buffer.from(basic.value).toString('base64')}`,
      curl: `-u "${basic.shell}"`,
    };
  } else {
    // As Event Streams signs a JSON body: the hash rides in the URL, the URL alone is signed.
    const hash = createHash('sha256').update(body).digest('hex');
    url += `${url.includes('?') ? '&' : '?'}bodySHA256=${hash}`;
    const signature = signTwilioRequest(credentials.authToken, url);
    header = {
      name: 'X-Twilio-Signature',
      value: signature,
      curl: `-H ${quote(`X-Twilio-Signature: ${signature}`)}`,
    };
  }
  const curl = [
    `curl -sS -X POST ${quote(url)}`,
    `  -H ${quote('Content-Type: application/json')}`,
    `  ${header.curl}`,
    `  --data-raw ${quote(body)}`,
  ].join(' \\\n');
  return {
    method: 'POST',
    url,
    headers: { 'Content-Type': 'application/json', [header.name]: header.value },
    body,
    curl,
  };
}

const quote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
