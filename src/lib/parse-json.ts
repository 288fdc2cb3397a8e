import type { z } from 'zod';

/** Parses JSON text and checks it against a schema; the problem in words when it does not fit. */
export function parseJson<T>(
  schema: z.ZodType<T>,
  text: string,
): { ok: true; value: T } | { ok: false; problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not JSON: ${(error as Error).message}` };
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const first = result.error.issues[0];
  const where = first === undefined ? '' : `${first.path.join('.') || '(root)'}: `;
  return { ok: false, problem: `${where}${first?.message ?? 'does not match'}` };
}
