import type { Request } from 'express';
import { twilioErrors } from './twilio-errors.js';

/** The query string as single values (a repeated parameter counts by its first value). */
export function readQuery(req: Request): Record<string, string> {
  const query: Record<string, string> = {};
  const raw = req.query as Record<string, unknown>;
  for (const [key, value] of Object.entries(raw)) {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string') query[key] = first;
  }
  return query;
}

/** An integer parameter within bounds, or a 400 that names it. */
export function integerParam(
  query: Readonly<Record<string, string>>,
  name: string,
  bounds: { min: number; max?: number },
): number | undefined {
  const text = query[name];
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text.trim()))
    throw twilioErrors.invalidParameter(name, `"${text}" is not an integer`);
  const value = Number(text);
  if (value < bounds.min || (bounds.max !== undefined && value > bounds.max)) {
    const range =
      bounds.max === undefined
        ? `at least ${bounds.min}`
        : `between ${bounds.min} and ${bounds.max}`;
    throw twilioErrors.invalidParameter(name, `must be ${range} (got ${value})`);
  }
  return value;
}

/** Parameters Twilio documents for an endpoint that the emulator does not implement. */
export function rejectUnsupported(
  query: Readonly<Record<string, string>>,
  names: readonly string[],
): void {
  for (const name of names) {
    if (query[name] !== undefined) {
      throw twilioErrors.invalidParameter(name, 'the emulator does not support this filter');
    }
  }
}

/** The given parameters among `names`, in that order: the filters a page link repeats. */
export function pickParams(
  query: Readonly<Record<string, string>>,
  names: readonly string[],
): [string, string][] {
  return names.flatMap((name) => {
    const value = query[name];
    return value === undefined ? [] : [[name, value] as [string, string]];
  });
}
