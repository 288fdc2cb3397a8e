import { parse, type CsvError } from 'csv-parse/sync';
import type { ImportProblem, ListRead, ListRow } from './contact-list.js';

/** A record of the file, or one csv-parse could not read, numbered as a spreadsheet's rows. */
type Item =
  | { readonly line: number; readonly cells: readonly string[] }
  | { readonly line: number; readonly error: string };

/**
 * A CSV contact list: a header row, then one contact a row. Lenient where spreadsheets and
 * hand edits are: a BOM, CRLF or LF, blank rows (`,,,` included), short rows, stray quotes in
 * unquoted cells. A row with more filled cells than the header has names is refused: its cells
 * have most likely shifted (an unquoted comma), and a shifted phone would call the wrong person.
 * Columns with an empty header are ignored.
 */
export function readCsvList(body: string): ListRead {
  const items = readItems(body);
  const headerAt = items.findIndex((item) => 'error' in item || !isBlank(item.cells));
  const header = items[headerAt];
  if (header === undefined) return wholeList('the list is empty');
  if ('error' in header) return wholeList(`the header cannot be read: ${header.error}`);

  const notes: ImportProblem[] = [];
  const columns: { name: string; index: number }[] = [];
  const seen = new Map<string, string>();
  header.cells.forEach((cell, index) => {
    const name = cell.trim();
    if (name === '') return;
    const earlier = seen.get(name.toLowerCase());
    if (earlier !== undefined) {
      notes.push({
        line: header.line,
        reason: `column "${name}" repeats "${earlier}"; only the first is read`,
        value: name,
      });
      return;
    }
    seen.set(name.toLowerCase(), name);
    columns.push({ name, index });
  });

  const rest = items.slice(headerAt + 1);
  if (!rest.some((item) => 'error' in item || !isBlank(item.cells))) {
    return wholeList('the list has a header but no contacts under it');
  }
  return {
    ok: true,
    columns: columns.map((column) => column.name),
    notes,
    rows: rowsOf(rest, columns, header.cells.length),
  };
}

function* rowsOf(
  items: readonly Item[],
  columns: readonly { name: string; index: number }[],
  width: number,
): Generator<ListRow> {
  for (const item of items) {
    const { line } = item;
    if ('error' in item) {
      yield { line, problem: { line, reason: item.error } };
      continue;
    }
    if (isBlank(item.cells)) continue;
    const filled = lastFilled(item.cells) + 1;
    if (filled > width) {
      const reason = `has ${filled} cells where the header names ${width} (an unquoted comma?)`;
      yield { line, problem: { line, reason } };
      continue;
    }
    const values = new Map(columns.map(({ name, index }) => [name, item.cells[index] ?? '']));
    yield { line, values };
  }
}

/**
 * csv-parse's own line count follows the text (and counts a CRLF inside quotes twice), so rows
 * are counted here instead: every record is a row, a blank line included, as in a spreadsheet.
 */
function readItems(body: string): Item[] {
  const items: Item[] = [];
  let line = 0;
  parse(body, {
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    skip_records_with_error: true,
    on_record: (cells: string[]) => {
      line += 1;
      items.push({ line, cells });
      return null;
    },
    on_skip: (error: CsvError | undefined) => {
      line += 1;
      items.push({ line, error: unreadable(error) });
      return undefined;
    },
  });
  return items;
}

function unreadable(error: CsvError | undefined): string {
  // The one error left once quotes and row lengths are relaxed; it swallows the rest of the file.
  if (error?.code === 'CSV_QUOTE_NOT_CLOSED') {
    return 'a quoted cell starts here and is never closed: this row and the rest were not read';
  }
  return `cannot be read: ${error?.message ?? 'malformed CSV'}`;
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

function lastFilled(cells: readonly string[]): number {
  for (let index = cells.length - 1; index >= 0; index -= 1) {
    if ((cells[index] ?? '').trim() !== '') return index;
  }
  return -1;
}

function wholeList(reason: string): ListRead {
  return { ok: false, problem: { line: 1, reason } };
}
