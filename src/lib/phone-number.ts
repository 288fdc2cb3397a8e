/**
 * Twilio sends numbers in E.164 (`+15551234567`); people write them with spaces, dashes and
 * brackets. Both sides go through this before they are compared. The country code is required:
 * `(555) 123-4567` could be any country and would silently never match what Twilio sends.
 * Anything that is not a plain number (`client:alice`, `sip:…`, `anonymous`) is not one either.
 */
export function normalizePhoneNumber(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const compact = raw.trim().replace(/[\s().-]/g, '');
  return /^\+[0-9]{3,15}$/.test(compact) ? compact : undefined;
}
