import { getCountry } from 'countries-and-timezones';
import { countryOfPhone } from './contact-phone.js';
import type { Contact } from './contact.js';

/**
 * The time zones a contact may be in: the list's own zone when it gave one; else every zone of
 * the number's country (a US number can ring anywhere from New York to Honolulu: mobile numbers
 * keep their area code when people move); else, for a number whose digits name no country
 * (+800…) or a country with no zones on record, every zone of `defaultCountry`.
 * Throws (RangeError) when `defaultCountry` has no zones on record either: a caller's bug.
 */
export function calleeZones(contact: Contact, defaultCountry: string): readonly string[] {
  if (contact.timeZone !== undefined) return [contact.timeZone];
  const country = countryOfPhone(contact.phone);
  const zones = zonesOf(country) ?? zonesOf(defaultCountry);
  if (zones === undefined) throw new RangeError(`No time zones for country ${defaultCountry}`);
  return zones;
}

function zonesOf(country: string | undefined): readonly string[] | undefined {
  if (country === undefined) return undefined;
  const zones = getCountry(country)?.timezones ?? [];
  return zones.length === 0 ? undefined : zones;
}
