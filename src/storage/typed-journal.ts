import type { z } from 'zod';
import { Journal } from './journal.js';

/**
 * Opens a journal whose every entry must read as `schema` (a `what`), and returns it with the
 * entries read. Only a torn last line is the journal's to forgive (Journal.open cuts it off);
 * anything else is damage to stop on, and the journal is closed before saying so, rather than
 * leaving its file handle to the garbage collector.
 */
export async function openTypedJournal<T>(
  file: string,
  schema: z.ZodType<T, unknown>,
  what: string,
): Promise<{ journal: Journal; entries: T[] }> {
  const { journal, entries } = await Journal.open(file);
  const read: T[] = [];
  for (const [index, raw] of entries.entries()) {
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      await journal.close();
      throw new Error(`${file}: entry ${index + 1} is not ${what}`);
    }
    read.push(parsed.data);
  }
  return { journal, entries: read };
}
