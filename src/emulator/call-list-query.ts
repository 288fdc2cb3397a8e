import { CALL_STATUSES, type CallStatus } from './call-record.js';
import type { EmulatedCall } from './call-state.js';
import { twilioErrors } from './twilio-errors.js';

/** The Calls list's filters, in the order page links repeat them. */
export const CALL_FILTERS = [
  'To',
  'From',
  'ParentCallSid',
  'Status',
  'StartTime',
  'StartTime<',
  'StartTime>',
  'EndTime',
  'EndTime<',
  'EndTime>',
];

/**
 * The filters as a predicate. Dates are `YYYY-MM-DD` (Twilio's documented form) or the
 * `YYYY-MM-DDTHH:mm:ssZ` the SDK sends for a Date: `StartTime` matches the UTC day, `StartTime<`
 * is before the instant (midnight for a day), `StartTime>` on or after it; likewise EndTime. A
 * call not yet dialed has no start time and matches no StartTime filter.
 */
export function callFilter(query: Readonly<Record<string, string>>): (c: EmulatedCall) => boolean {
  const status = query.Status;
  if (status !== undefined && !(CALL_STATUSES as readonly string[]).includes(status)) {
    throw twilioErrors.invalidParameter('Status', `"${status}" is not a call status`);
  }
  const checks: ((call: EmulatedCall) => boolean)[] = [];
  if (query.To !== undefined) checks.push((c) => c.request.to === query.To);
  if (query.From !== undefined) checks.push((c) => c.request.from === query.From);
  // Outbound-api calls have no parent: a ParentCallSid filter matches none of them.
  if (query.ParentCallSid !== undefined) checks.push(() => false);
  if (status !== undefined) checks.push((c) => c.status === (status as CallStatus));
  for (const [name, timeOf] of [
    ['StartTime', (c: EmulatedCall) => c.startedAt],
    ['EndTime', (c: EmulatedCall) => c.endedAt],
  ] as const) {
    const on = dateParam(query, name);
    const before = dateParam(query, `${name}<`);
    const after = dateParam(query, `${name}>`);
    if (on !== undefined) {
      const day = Math.floor(on / 86_400_000);
      checks.push((c) => {
        const at = timeOf(c);
        return at !== null && Math.floor(at / 86_400_000) === day;
      });
    }
    if (before !== undefined) checks.push((c) => (timeOf(c) ?? Infinity) < before);
    if (after !== undefined) checks.push((c) => (timeOf(c) ?? -Infinity) >= after);
  }
  return (call) => checks.every((check) => check(call));
}

function dateParam(query: Readonly<Record<string, string>>, name: string): number | undefined {
  const text = query[name];
  if (text === undefined) return undefined;
  const match = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?$/.exec(text);
  const ms = match === null ? NaN : Date.parse(match[1] === undefined ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) {
    throw twilioErrors.invalidParameter(name, `"${text}" is not a date (YYYY-MM-DD)`);
  }
  return ms;
}
