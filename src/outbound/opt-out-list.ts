import { readContactPhone, requireCountry, type PhoneReading } from './contact-phone.js';

/**
 * How a number came onto the list: `keypress` (the callee pressed the campaign's opt-out digit),
 * `api` (a person added it through /api/opt-outs). A list written by another system may hold
 * other words; they are kept as written.
 */
export type OptOutSource = 'keypress' | 'api';

export interface OptOut {
  /** E.164. */
  readonly phone: string;
  readonly source: string;
  /** When it was first added (epoch ms); adding it again keeps this. */
  readonly at: number;
}

export interface OptOutPage {
  /** In the numbers' order (their text), from just after the page's `after`. */
  readonly items: readonly OptOut[];
  /** The `after` of the next page; undefined on the last one. */
  readonly next?: string;
}

/**
 * Numbers never to be called, for every campaign. Numbers are E.164 (`readOptOutPhone`); the
 * dialer asks `has` right before each call, so an add counts from the next call on.
 */
export interface OptOutList {
  has(phone: string): Promise<boolean>;
  /** True when the number was not on the list; resolves once the add is durable. */
  add(phone: string, entry: { source: OptOutSource; at: number }): Promise<boolean>;
  /** True when the number was on the list. */
  remove(phone: string): Promise<boolean>;
  list(page: { after?: string; limit: number }): Promise<OptOutPage>;
}

/**
 * A number as a person gives it: E.164, or national with its country. Contacts are stored in
 * E.164 (contact-phone.ts), so the list must be too, or a number would slip past it.
 */
export function readOptOutPhone(raw: string, country?: string): PhoneReading {
  const text = raw.trim();
  if (country === undefined && !text.startsWith('+')) {
    return {
      ok: false,
      reason: 'give the number in E.164 (+ and the country code), or its country',
    };
  }
  let code;
  try {
    code = requireCountry(country ?? 'US'); // with a leading +, the country is not used
  } catch {
    return { ok: false, reason: `unknown country: ${country}` };
  }
  return readContactPhone(text, code);
}

/** One page of `phones` (sorted), for the lists that hold every number in memory. */
export function pageOf(
  phones: readonly string[],
  page: { after?: string; limit: number },
): { phones: string[]; next?: string } {
  const after = page.after;
  const from = after === undefined ? 0 : firstAfter(phones, after);
  const taken = phones.slice(from, from + page.limit);
  const more = from + page.limit < phones.length;
  return more ? { phones: taken, next: taken.at(-1)! } : { phones: taken };
}

/** The index of the first of `sorted` greater than `after` (binary search). */
function firstAfter(sorted: readonly string[], after: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! <= after) low = middle + 1;
    else high = middle;
  }
  return low;
}
