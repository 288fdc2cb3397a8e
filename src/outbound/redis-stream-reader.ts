import type { Redis } from 'ioredis';

/** Entries read per XRANGE: a long stream is read in pages, not in one reply. */
const PAGE = 1000;

/** Every entry of a stream, oldest first, each as its fields (a field repeated: the last wins). */
export async function readStream(redis: Redis, key: string): Promise<Record<string, string>[]> {
  const entries: Record<string, string>[] = [];
  let start = '-';
  for (;;) {
    const page = await redis.xrange(key, start, '+', 'COUNT', PAGE);
    for (const [, fields] of page) entries.push(fieldsOf(fields));
    if (page.length < PAGE) return entries;
    start = `(${page[page.length - 1]![0]}`;
  }
}

function fieldsOf(flat: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  return fields;
}
