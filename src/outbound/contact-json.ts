import type { ListRead, ListRow } from './contact-list.js';

/**
 * A JSON contact list: an array of objects with the CSV's column names as keys. Numbers and
 * booleans are read as their text (a phone written as a number is common); null is an absent
 * field; a nested object or array is kept as its JSON text.
 */
export function readJsonList(body: string): ListRead {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.replace(/^\uFEFF/, ''));
  } catch (error) {
    return wholeList(`not valid JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) return wholeList('the list must be a JSON array of objects');
  if (parsed.length === 0) return wholeList('the list is empty');
  const items: unknown[] = parsed;
  const columns = new Set<string>();
  for (const item of items)
    if (isRecord(item)) for (const key of Object.keys(item)) columns.add(key);
  return { ok: true, columns: [...columns], notes: [], rows: rowsOf(items) };
}

function* rowsOf(items: readonly unknown[]): Generator<ListRow> {
  for (const [index, item] of items.entries()) {
    const line = index + 1;
    if (!isRecord(item)) {
      yield { line, problem: { line, reason: `item ${line} is not an object` } };
      continue;
    }
    const values = new Map<string, string>();
    for (const [key, value] of Object.entries(item)) {
      const text = textOf(value);
      if (text !== undefined) values.set(key, text);
    }
    yield { line, values };
  }
}

function textOf(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function wholeList(reason: string): ListRead {
  return { ok: false, problem: { line: 1, reason } };
}
