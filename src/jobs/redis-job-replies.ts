import { z } from 'zod';
import { progressFrom, type ClaimedBatch, type JobFailure, type JobProgress } from './job.js';

/*
 * Making sense of what the Redis job store's scripts answer. Redis hands back strings and
 * arrays; anything of another shape is a bug or a foreign value, and says so.
 */

const wholeNumber = z
  .string()
  .regex(/^-?\d+$/)
  .transform(Number);
const jobHashSchema = z.object({
  kind: z.string(),
  state: z.enum(['running', 'done', 'cancelled']),
  total: wholeNumber,
  done: wholeNumber,
  failed: wholeNumber,
  startedAt: z.string().transform(Number).pipe(z.number().finite()),
  finishedAt: z.string().transform(Number).pipe(z.number().finite()).optional(),
});
const failureSchema = z.object({ item: z.string(), reason: z.string() });
const paramsSchema = z.record(z.string(), z.string());

export type DecodedJob =
  | { readonly ok: true; readonly progress: JobProgress }
  | { readonly ok: false; readonly problem: string };

/**
 * Progress as progressOf computes it, from a job's hash (flat field/value pairs) and failure
 * list. A malformed hash is a problem to report; failures that do not parse are left out.
 */
export function decodeJob(id: string, fields: unknown, failures: unknown, now: number): DecodedJob {
  const hash = jobHashSchema.safeParse(pairsOf(fields));
  if (!hash.success) return { ok: false, problem: z.prettifyError(hash.error) };
  const job = hash.data;
  const progress = progressFrom(
    {
      id,
      kind: job.kind,
      state: job.state,
      total: job.total,
      done: job.done,
      failed: job.failed,
      startedAt: job.startedAt,
      finishedAt: job.finishedAt,
      failures: stringsOf(failures).flatMap(decodeFailure),
    },
    now,
  );
  return { ok: true, progress };
}

/** CLAIM_LUA's reply (null: nothing to claim) as the batch `owner` now holds. */
export function decodeClaim(reply: unknown, owner: string): ClaimedBatch | undefined {
  if (reply === null) return undefined;
  if (!Array.isArray(reply)) throw unexpected(reply);
  const [jobId, kind, params, batch, items] = reply as unknown[];
  if (typeof jobId !== 'string' || typeof kind !== 'string' || typeof params !== 'string') {
    throw unexpected(reply);
  }
  if (typeof batch !== 'number') throw unexpected(reply);
  return {
    jobId,
    kind,
    params: paramsSchema.parse(JSON.parse(params)),
    batch,
    items: stringsOf(items),
    owner,
  };
}

function decodeFailure(text: string): JobFailure[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return [];
  }
  const parsed = failureSchema.safeParse(raw);
  return parsed.success ? [parsed.data] : [];
}

export function stringsOf(reply: unknown): string[] {
  if (Array.isArray(reply) && reply.every((item) => typeof item === 'string')) return reply;
  throw unexpected(reply);
}

function pairsOf(reply: unknown): Record<string, string> {
  const flat = stringsOf(reply);
  const pairs: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) pairs[flat[i] as string] = flat[i + 1] as string;
  return pairs;
}

export function unexpected(reply: unknown): Error {
  return new Error(`job store: unexpected reply from Redis: ${JSON.stringify(reply)}`);
}
