import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/max';

/*
 * Phone numbers as a contact list writes them. The "max" metadata checks each country's number
 * patterns, not only lengths: a number that cannot be dialled is better refused at import than
 * found out by a failed call.
 */

export type PhoneReading =
  { readonly ok: true; readonly phone: string } | { readonly ok: false; readonly reason: string };

/** Throws (RangeError) unless `country` is an ISO 3166-1 alpha-2 code libphonenumber knows. */
export function requireCountry(country: string): CountryCode {
  if (!isSupportedCountry(country)) throw new RangeError(`Unknown country: ${country}`);
  return country;
}

/** A number written nationally is read as `defaultCountry`'s; E.164 when valid. */
export function readContactPhone(raw: string, defaultCountry: CountryCode): PhoneReading {
  const text = raw.trim();
  if (text === '') return { ok: false, reason: 'phone is missing' };
  // extract: false, so "call 212 555 0100 after six" is not quietly taken for a number.
  const parsed = parsePhoneNumberFromString(text, { defaultCountry, extract: false });
  if (parsed === undefined) return { ok: false, reason: 'not a phone number' };
  if (!parsed.isValid()) {
    const where =
      parsed.country ?? (text.startsWith('+') ? `+${parsed.countryCallingCode}` : defaultCountry);
    return { ok: false, reason: `not a valid number for ${where}` };
  }
  // A call cannot dial an extension; calling the main line instead would reach someone else.
  if (parsed.ext !== undefined) {
    return { ok: false, reason: `has an extension (${parsed.ext}), which cannot be dialled` };
  }
  return { ok: true, phone: parsed.number };
}

/** The country of an E.164 number, when its digits tell (not for +800 and the like). */
export function countryOfPhone(phone: string): CountryCode | undefined {
  return parsePhoneNumberFromString(phone)?.country;
}
