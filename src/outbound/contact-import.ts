import { aliasesOf, resolveColumns } from './contact-columns.js';
import { readCsvList } from './contact-csv.js';
import { readJsonList } from './contact-json.js';
import type { ImportProblem } from './contact-list.js';
import { requireCountry } from './contact-phone.js';
import { contactOfRow } from './contact-rows.js';
import type { Contact } from './contact.js';

export type { ImportProblem } from './contact-list.js';

export interface ContactImportInput {
  readonly format: 'csv' | 'json';
  readonly body: string;
  /** ISO 3166-1 alpha-2: how numbers written without a country code are read. */
  readonly defaultCountry: string;
  /** Rows read at most (blank rows aside); default DEFAULT_MAX_CONTACTS. */
  readonly maxContacts?: number;
}

/** A later row with a number already imported: skipped, and said so. */
export interface ImportDuplicate {
  readonly line: number;
  readonly firstLine: number;
  readonly phone: string;
}

export interface ContactImport {
  readonly contacts: Contact[];
  /** Rows not imported and why, in list order; see ImportProblem for what `line` means. */
  readonly problems: ImportProblem[];
  readonly duplicates: ImportDuplicate[];
}

export const DEFAULT_MAX_CONTACTS = 100_000;

/**
 * A contact list (CSV with a header row, or a JSON array of objects) as contacts, with every
 * row it could not take and why. Pure: the caller stores the contacts and shows the problems.
 * Throws (RangeError) only for a caller's bug: a `defaultCountry` libphonenumber does not know,
 * or a `maxContacts` that is not a whole number.
 */
export function importContacts(input: ContactImportInput): ContactImport {
  const defaultCountry = requireCountry(input.defaultCountry);
  const max = input.maxContacts ?? DEFAULT_MAX_CONTACTS;
  if (!Number.isInteger(max) || max < 0) throw new RangeError(`maxContacts: ${max}`);
  const read = input.format === 'csv' ? readCsvList(input.body) : readJsonList(input.body);
  const result: ContactImport = { contacts: [], problems: [], duplicates: [] };
  if (!read.ok) return { ...result, problems: [read.problem] };
  if (resolveColumns(read.columns).fields.phone === undefined) {
    const reason = `the list has no phone column (${aliasesOf('phone')})`;
    return { ...result, problems: [{ line: 1, reason }] };
  }
  result.problems.push(...read.notes);

  const lineOfPhone = new Map<string, number>();
  const lineOfId = new Map<string, number>();
  let rowsRead = 0;
  for (const row of read.rows) {
    if (rowsRead === max) {
      const reason = `the list has more than ${max} contacts, the limit: this row and the rest were not read`;
      result.problems.push({ line: row.line, reason });
      break;
    }
    rowsRead += 1;
    if ('problem' in row) {
      result.problems.push(row.problem);
      continue;
    }
    const reading = contactOfRow(row.line, row.values, defaultCountry);
    if (!reading.ok) {
      result.problems.push(...reading.problems);
      continue;
    }
    const { contact } = reading;
    // The phone first: a row listed twice repeats its id too, and is a duplicate, not an error.
    const firstLine = lineOfPhone.get(contact.phone);
    if (firstLine !== undefined) {
      result.duplicates.push({ line: row.line, firstLine, phone: contact.phone });
      continue;
    }
    const idLine = lineOfId.get(contact.id);
    if (idLine !== undefined) {
      const reason = `id "${contact.id}" is already used on line ${idLine}`;
      result.problems.push({ line: row.line, reason, value: contact.id });
      continue;
    }
    lineOfPhone.set(contact.phone, row.line);
    lineOfId.set(contact.id, row.line);
    result.contacts.push(contact);
  }
  return result;
}
