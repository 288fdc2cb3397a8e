import type { Request } from 'express';
import { newFormBody, parseForm, type FormBody } from '../http/form-body.js';

/**
 * Twilio's parameters arrive in the form body (POST) or the query string (GET); our own state
 * (the queue a turn was for, what was announced) rides in the query string of the URLs we hand
 * Twilio. Everything is read defensively: a repeated key, an array or a number that is not one
 * reads as absent, never as an exception.
 */
export interface WebhookParams {
  /** A Twilio parameter (body for POST, query for GET). */
  twilio(name: string): string | undefined;
  /** One of our own query-string parameters. */
  own(name: string): string | undefined;
}

/** Voice parameters are SIDs, numbers and short words; longer is not Twilio's. */
const MAX_VALUE_LENGTH = 512;

function pick(source: unknown, name: string, maxLength: number): string | undefined {
  if (source === null || typeof source !== 'object') return undefined;
  const value = (source as Record<string, unknown>)[name];
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' || trimmed.length > maxLength ? undefined : trimmed;
}

/** Our URLs carry three or four parameters; a query string with hundreds is read as empty. */
const QUERY_PARAMETER_LIMIT = 50;
const NO_QUERY: FormBody = Object.freeze(newFormBody());

/**
 * `maxValueLength`: longer values read as absent. TaskRouter's events carry a worker's whole
 * attributes (up to 4 KB), so their route allows more than the voice webhooks' 512.
 */
export function readWebhookParams(
  req: Request,
  { maxValueLength = MAX_VALUE_LENGTH }: { maxValueLength?: number } = {},
): WebhookParams {
  const query = readQuery(req.originalUrl);
  const twilioSource: unknown = req.method === 'GET' ? query : req.body;
  return {
    twilio: (name) => pick(twilioSource, name, maxValueLength),
    own: (name) => pick(query, name, MAX_VALUE_LENGTH),
  };
}

/** A whole number ≥ 0, or undefined. */
export function toCount(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,9}$/.test(value)) return undefined;
  return Number(value);
}

/**
 * The query string, read with the same parser as the form body (so `+`, escapes, repeated and
 * prototype-named keys mean the same in both). Not req.query: Express 5 parses the query string
 * again on every read of it.
 */
function readQuery(url: string): FormBody {
  const start = url.indexOf('?');
  if (start < 0) return NO_QUERY;
  return parseForm(url.slice(start + 1), QUERY_PARAMETER_LIMIT) ?? NO_QUERY;
}
