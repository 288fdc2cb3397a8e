import type { Request } from 'express';
import type { CallRequest, HttpMethod, StatusCallbackEvent } from './call-record.js';
import { twilioErrors } from './twilio-errors.js';

/**
 * The Calls create form, checked as Twilio checks it: the codes Twilio documents for missing or
 * bad To/From/Url, 20001 naming the parameter for the rest. Documented parameters the emulator
 * does not play (Record, SendDigits, ApplicationSid …) are a 400 rather than silently ignored.
 */

/** The create's form parameters the emulator takes (every other documented one is a 400). */
export const ACCEPTED_CREATE_PARAMETERS: ReadonlySet<string> = new Set([
  'To',
  'From',
  'Url',
  'Twiml',
  'Method',
  'FallbackUrl',
  'FallbackMethod',
  'StatusCallback',
  'StatusCallbackEvent',
  'StatusCallbackMethod',
  'Timeout',
  'TimeLimit',
  'MachineDetection',
  'MachineDetectionTimeout',
  'AsyncAmd',
  'AsyncAmdStatusCallback',
  'AsyncAmdStatusCallbackMethod',
]);
const EVENTS: readonly StatusCallbackEvent[] = ['initiated', 'ringing', 'answered', 'completed'];
const ENDPOINT = /^(\+[1-9]\d{6,14}|client:[\w.@-]+|sip:\S+)$/;

/** Every value of each parameter (StatusCallbackEvent repeats). */
export function readFormValues(req: Request): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const [key, value] of Object.entries((req.body ?? {}) as Record<string, unknown>)) {
    const list = (Array.isArray(value) ? value : [value]).filter(
      (v): v is string => typeof v === 'string',
    );
    values.set(key, list);
  }
  return values;
}

export function parseCreateCall(form: Map<string, string[]>): CallRequest {
  for (const key of form.keys()) {
    if (!ACCEPTED_CREATE_PARAMETERS.has(key)) {
      throw twilioErrors.invalidParameter(key, 'the emulator does not support this parameter');
    }
  }
  const one = (name: string) => {
    const value = form.get(name)?.[0];
    return value === undefined || value === '' ? undefined : value;
  };
  const to = one('To');
  if (to === undefined) throw twilioErrors.callParameter(21201, "No 'To' number is specified");
  if (!ENDPOINT.test(to)) {
    throw twilioErrors.callParameter(21211, `Invalid 'To' Phone Number: ${to}`);
  }
  const from = one('From');
  if (from === undefined) {
    throw twilioErrors.callParameter(21213, "No 'From' number is specified");
  }
  if (!ENDPOINT.test(from)) {
    throw twilioErrors.callParameter(21212, `Invalid 'From' Phone Number: ${from}`);
  }
  const url = one('Url');
  const twiml = one('Twiml');
  if (url === undefined && twiml === undefined) {
    throw twilioErrors.callParameter(21205, 'Url parameter is required.');
  }
  if (url !== undefined && !isHttpUrl(url)) {
    throw twilioErrors.callParameter(21205, `Url is not a valid URL: ${url}`);
  }
  const statusCallback = optionalUrl(one('StatusCallback'), 'StatusCallback');
  const events = (form.get('StatusCallbackEvent') ?? [])
    .flatMap((value) => value.split(/\s+/))
    .filter((value) => value !== '');
  for (const event of events) {
    if (!(EVENTS as readonly string[]).includes(event)) {
      throw twilioErrors.invalidParameter(
        'StatusCallbackEvent',
        `"${event}" is not one of ${EVENTS.join(', ')}`,
      );
    }
  }
  const machineDetection = one('MachineDetection');
  if (
    machineDetection !== undefined &&
    !['Enable', 'DetectMessageEnd'].includes(machineDetection)
  ) {
    throw twilioErrors.invalidParameter('MachineDetection', 'must be Enable or DetectMessageEnd');
  }
  const asyncAmd = one('AsyncAmd');
  if (asyncAmd !== undefined && asyncAmd !== 'true' && asyncAmd !== 'false') {
    throw twilioErrors.invalidParameter('AsyncAmd', 'must be true or false');
  }
  return {
    to,
    from,
    // Twilio: with both, the Twiml is ignored.
    url: url ?? null,
    twiml: url === undefined ? (twiml ?? null) : null,
    method: httpMethod(one('Method'), 'Method'),
    statusCallback,
    statusCallbackMethod: httpMethod(one('StatusCallbackMethod'), 'StatusCallbackMethod'),
    statusCallbackEvents:
      events.length === 0 ? ['completed'] : EVENTS.filter((event) => events.includes(event)),
    timeoutSeconds: timeout(one('Timeout')),
    machineDetection: (machineDetection as CallRequest['machineDetection'] | undefined) ?? null,
    asyncAmd: asyncAmd === 'true',
    asyncAmdStatusCallback: optionalUrl(one('AsyncAmdStatusCallback'), 'AsyncAmdStatusCallback'),
    asyncAmdStatusCallbackMethod: httpMethod(
      one('AsyncAmdStatusCallbackMethod'),
      'AsyncAmdStatusCallbackMethod',
    ),
  };
}

/** The update's Status: canceled or completed; other updates are not emulated. */
/** What a call update asks for: an end (Status), or new TwiML from a URL (a redirect). */
export type CallUpdate =
  | { readonly kind: 'end'; readonly status: 'canceled' | 'completed' }
  | { readonly kind: 'redirect'; readonly url: string; readonly method: HttpMethod };

/**
 * An update: `Status=canceled|completed`, or `Url` (with `Method`) to play new TwiML on an
 * answered call. The other documented parameters are a 400 rather than silently ignored.
 */
export function parseUpdateCall(form: Map<string, string[]>): CallUpdate {
  for (const key of form.keys()) {
    if (key !== 'Status' && key !== 'Url' && key !== 'Method') {
      throw twilioErrors.invalidParameter(key, 'the emulator updates Status, or Url and Method');
    }
  }
  const url = form.get('Url')?.[0];
  const status = form.get('Status')?.[0];
  if (url !== undefined && status === undefined) {
    if (!/^https?:\/\//.test(url))
      throw twilioErrors.invalidParameter('Url', 'must be an http(s) URL');
    return { kind: 'redirect', url, method: httpMethod(form.get('Method')?.[0], 'Method') };
  }
  if (url !== undefined || form.has('Method')) {
    throw twilioErrors.invalidParameter('Status', 'give Status, or Url (with Method), not both');
  }
  if (status !== 'canceled' && status !== 'completed') {
    throw twilioErrors.invalidParameter('Status', 'must be canceled or completed');
  }
  return { kind: 'end', status };
}

function timeout(text: string | undefined): number {
  if (text === undefined) return 60;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 600) {
    throw twilioErrors.invalidParameter(
      'Timeout',
      `must be an integer from 1 to 600 (got ${text})`,
    );
  }
  return Number(text);
}

function httpMethod(text: string | undefined, name: string): HttpMethod {
  if (text === undefined) return 'POST';
  const upper = text.toUpperCase();
  if (upper !== 'GET' && upper !== 'POST') {
    throw twilioErrors.invalidParameter(name, 'must be GET or POST');
  }
  return upper;
}

function optionalUrl(text: string | undefined, name: string): string | null {
  if (text === undefined) return null;
  if (!isHttpUrl(text)) throw twilioErrors.invalidParameter(name, `"${text}" is not a valid URL`);
  return text;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
