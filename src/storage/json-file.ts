import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import type { Logger } from '../logger.js';
import { moveAside } from './atomic-file.js';

/**
 * A file this process keeps, read back at start: undefined when there is none yet. A file that
 * does not parse or match `schema` is moved aside (kept for a person to look at) and logged,
 * and the caller starts empty: a broken file must not keep the process from starting.
 */
export async function readKeptJsonFile<T>(
  file: string,
  schema: z.ZodType<T>,
  options: { logger: Logger; what: string },
): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const movedTo = await moveAside(file);
  options.logger.error(
    { file, movedTo },
    `cannot read the ${options.what} file; moved it aside and starting without what it held`,
  );
  return undefined;
}
