/**
 * Which of a contact list's columns (CSV headers, JSON keys) hold what. Names are matched
 * without regard to case or surrounding spaces; each field takes the first alias a list has, in
 * the order below, and every column no field took is kept as an attribute.
 */

const ALIASES = {
  phone: ['phone', 'phone_number', 'number', 'to'],
  id: ['id', 'external_id', 'contact_id'],
  name: ['name'],
  timeZone: ['timezone', 'time_zone', 'tz'],
} as const;

export type ContactField = keyof typeof ALIASES;

/** The column (as the list spells it) of each field the list has, and the rest. */
export interface ContactColumns {
  readonly fields: Partial<Readonly<Record<ContactField, string>>>;
  readonly attributes: readonly string[];
}

/** For problems: "phone, phone_number, number or to". */
export function aliasesOf(field: ContactField): string {
  const names = [...ALIASES[field]];
  const last = names.pop() ?? '';
  return names.length === 0 ? last : `${names.join(', ')} or ${last}`;
}

export function resolveColumns(names: Iterable<string>): ContactColumns {
  const byAlias = new Map<string, string>();
  for (const name of names) {
    const key = name.trim().toLowerCase();
    if (!byAlias.has(key)) byAlias.set(key, name);
  }
  const fields: Partial<Record<ContactField, string>> = {};
  const taken = new Set<string>();
  for (const field of Object.keys(ALIASES) as ContactField[]) {
    for (const alias of ALIASES[field]) {
      const column = byAlias.get(alias);
      if (column !== undefined) {
        fields[field] = column;
        taken.add(column);
        break;
      }
    }
  }
  const attributes = [...byAlias.values()].filter((name) => !taken.has(name));
  return { fields, attributes };
}
