import { IANAZone } from 'luxon';

/**
 * Whether a list's time zone is one Intl knows by name ("America/New_York", also old aliases
 * such as "US/Eastern"). Offsets such as "+05:00" are refused: they ignore daylight saving, so
 * calling hours kept by them would be an hour off half the year.
 */
export function isTimeZoneName(name: string): boolean {
  return /^[A-Za-z]/.test(name) && IANAZone.isValidZone(name);
}
