import type { CountryCode } from 'libphonenumber-js/max';
import { resolveColumns, type ContactField } from './contact-columns.js';
import type { ImportProblem } from './contact-list.js';
import { readContactPhone } from './contact-phone.js';
import type { Contact } from './contact.js';
import { isTimeZoneName } from './time-zone-name.js';

export type RowReading =
  | { readonly ok: true; readonly contact: Contact }
  | { readonly ok: false; readonly problems: readonly ImportProblem[] };

/**
 * One row of a list as a contact, or every problem it has (so a row is fixed in one pass).
 * Checks the row alone; repeats across rows are the import's business.
 */
export function contactOfRow(
  line: number,
  values: ReadonlyMap<string, string>,
  defaultCountry: CountryCode,
): RowReading {
  const columns = resolveColumns(values.keys());
  const cell = (field: ContactField): string => {
    const column = columns.fields[field];
    return column === undefined ? '' : (values.get(column) ?? '').trim();
  };
  const problems: ImportProblem[] = [];

  const rawPhone = cell('phone');
  const phone = readContactPhone(rawPhone, defaultCountry);
  if (!phone.ok) {
    problems.push({ line, reason: phone.reason, ...(rawPhone === '' ? {} : { value: rawPhone }) });
  }
  const timeZone = cell('timeZone');
  if (timeZone !== '' && !isTimeZoneName(timeZone)) {
    problems.push({
      line,
      reason: 'time zone is not an IANA zone name such as America/New_York',
      value: timeZone,
    });
  }
  if (!phone.ok || problems.length > 0) return { ok: false, problems };

  const id = cell('id');
  const name = cell('name');
  const attributes = columns.attributes.map((column): [string, string] => [
    column,
    values.get(column) ?? '',
  ]);
  const contact: Contact = {
    id: id === '' ? `line-${line}` : id,
    phone: phone.phone,
    ...(name === '' ? {} : { name }),
    ...(timeZone === '' ? {} : { timeZone }),
    // fromEntries defines own properties, so a "__proto__" column is only a column.
    ...(attributes.length === 0 ? {} : { attributes: Object.fromEntries(attributes) }),
  };
  return { ok: true, contact };
}
