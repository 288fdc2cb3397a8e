import { randomBytes } from 'node:crypto';

/** The pieces every simulated webhook request is built from. */

/** The account the simulated requests come from (the server checks the signature, not this). */
export const SIMULATED_ACCOUNT_SID = `AC${'0'.repeat(32)}`;

export const newCallSid = () => `CA${randomBytes(16).toString('hex')}`;

/** The parameters every voice request about a call carries. */
export function callBasics(callSid: string | undefined) {
  return {
    CallSid: callSid ?? newCallSid(),
    AccountSid: SIMULATED_ACCOUNT_SID,
    ApiVersion: '2010-04-01',
  };
}

/** `path?key=value…` for the values given, in the order given (as the app builds its URLs). */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) search.set(key, value);
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

export function defined(params: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** A form POST (or GET) signed with X-Twilio-Signature, as Twilio sends its voice webhooks. */
export interface FormRequest {
  readonly method: 'GET' | 'POST';
  /** Path and our own query string, e.g. `/voice/wait?queue=customers`. */
  readonly path: string;
  readonly params: Record<string, string>;
}

/**
 * How a JSON request proves who sent it: Event Streams' (Basic credentials, else the signature
 * over a URL carrying `bodySHA256`), or the /api bearer token a Studio Flow's widget sends.
 */
export type JsonAuth = 'event-streams' | 'api-token';

/** A JSON POST: an Event Streams delivery, a Studio Flow's HTTP Request widget. */
export interface JsonRequest {
  readonly method: 'POST';
  readonly path: string;
  readonly json: unknown;
  readonly auth: JsonAuth;
}

/** What a simulate command builds; the CLI signs (or authenticates) and sends it. */
export type WebhookRequest = FormRequest | JsonRequest;

export type SimulateOptions = Partial<
  Record<
    | 'from'
    | 'to'
    | 'queue'
    | 'position'
    | 'queueTime'
    | 'announced'
    | 'after'
    | 'callSid'
    | 'queueSid'
    | 'campaign'
    | 'attempt'
    | 'contact'
    | 'answeredBy'
    | 'detectionMs'
    | 'sequence'
    | 'duration'
    | 'digits'
    | 'reason',
    string
  >
> & {
  get?: boolean;
  /** The server's public base URL: Event Streams events carry the status callback's full URL. */
  baseUrl?: string;
  /** Epoch ms the request is made (Timestamp, event times); now unless given. */
  now?: number;
};

export class UsageError extends Error {}
