import { normalizePhoneNumber } from '../lib/phone-number.js';

/** PREMIUM_CALLERS: numbers in E.164 form; each bad one is a problem of its own. */
export function parsePremiumCallers(entries: readonly string[], problems: string[]): Set<string> {
  const premiumCallers = new Set<string>();
  for (const raw of entries) {
    const number = normalizePhoneNumber(raw);
    if (number === undefined) {
      problems.push(
        `PREMIUM_CALLERS: "${raw}" is not a phone number in E.164 form (+country code)`,
      );
    } else premiumCallers.add(number);
  }
  return premiumCallers;
}

/**
 * `QUEUE_NUMBERS=+15551230000=premium-customers,+15551230001=customers`. With `queues`
 * undefined (QUEUES itself is bad) only the entries' form is checked.
 */
export function parseQueueNumbers(
  entries: readonly string[],
  queues: readonly string[] | undefined,
  problems: string[],
): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of entries) {
    const separator = entry.indexOf('=');
    const number = normalizePhoneNumber(entry.slice(0, Math.max(separator, 0)));
    const queue = entry.slice(separator + 1).trim();
    if (separator < 0 || number === undefined) {
      problems.push(`QUEUE_NUMBERS: "${entry}" is not NUMBER=QUEUE with an E.164 number`);
    } else if (map.has(number)) {
      problems.push(`QUEUE_NUMBERS: ${number} is mapped twice`);
    } else if (queues !== undefined && !queues.includes(queue)) {
      problems.push(`QUEUE_NUMBERS: "${entry}" names a queue that is not in QUEUES`);
    } else {
      map.set(number, queue);
    }
  }
  return map;
}
