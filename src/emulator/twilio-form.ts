import express, { type Request, type RequestHandler } from 'express';

/**
 * The form a Twilio REST write carries (application/x-www-form-urlencoded, as the SDK sends it).
 * Worker attributes are at most 4 KB; the limit leaves room for the rest.
 */
export const parseTwilioForm: RequestHandler = express.urlencoded({
  extended: false,
  limit: '64kb',
  parameterLimit: 100,
});

/** The form's parameters as single values (a repeated one counts by its first value). */
export function readForm(req: Request): Record<string, string> {
  const form: Record<string, string> = {};
  const body = (req.body ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(body)) {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') form[key] = first;
  }
  return form;
}
