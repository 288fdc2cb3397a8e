import { createHash } from 'node:crypto';

/** Twilio SIDs: two letters naming the resource type, then 32 hex digits. */
export type SidPrefix =
  'AC' | 'WS' | 'WQ' | 'QU' | 'WA' | 'WT' | 'TC' | 'WK' | 'EV' | 'OU' | 'FW' | 'FC';

export function sidPattern(prefix: SidPrefix): RegExp {
  return new RegExp(`^${prefix}[0-9a-fA-F]{32}$`);
}

/**
 * A SID derived from stable inputs (a seed, a parent SID, a name): the same workspace gets the
 * same SIDs on every start, so a demo's URLs and a test's expectations stay valid.
 */
export function deriveSid(prefix: SidPrefix, ...parts: readonly (string | number)[]): string {
  const hex = createHash('sha256')
    .update([prefix, ...parts].join('\u0000'))
    .digest('hex');
  return `${prefix}${hex.slice(0, 32)}`;
}
