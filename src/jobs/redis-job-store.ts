import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../logger.js';
import { requireFailFast, untilReady } from '../redis/client-options.js';
import { MAX_FAILURES_KEPT, progressFrom, type JobFailure } from './job.js';
import { FINISHED_JOBS_KEPT, newJobRecord, progressOf } from './job-records.js';
import type { JobStore } from './job-store.js';
import {
  CANCEL_LUA,
  CLAIM_LUA,
  COMPLETE_LUA,
  CREATE_LUA,
  LIST_LUA,
  PROGRESS_LUA,
  RENEW_LUA,
} from './redis-job-scripts.js';

export interface RedisJobStoreOptions {
  /** A fail-fast connection (failFastRedisOptions), owned by the caller. */
  readonly redis: Redis;
  /** e.g. 'holdline:'. */
  readonly keyPrefix: string;
  readonly logger: Logger;
}

/** The indexes every job is in (the layout is described in redis-job-scripts.ts). */
export function redisJobIndexKeys(keyPrefix: string) {
  return {
    running: `${keyPrefix}jobs:running`,
    all: `${keyPrefix}jobs:all`,
    ended: `${keyPrefix}jobs:ended`,
  };
}

/** One job's keys. */
export function redisJobKeys(keyPrefix: string, id: string) {
  const job = `${keyPrefix}job:${id}`;
  return {
    job,
    items: `${job}:items`,
    leases: `${job}:leases`,
    finished: `${job}:finished`,
    failures: `${job}:failures`,
  };
}

/**
 * Ids this store makes (UUIDs). Anything else, such as `x:items` from a URL, is no job of ours
 * and must not be read as one (it would name another job's key).
 */
const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

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

/**
 * Jobs shared by every process: any of them creates or cancels, any runner claims. Every method
 * is one Lua script (or one read), so two runners claiming at once get different batches, a
 * batch is one runner's until its lease runs out, and a batch finished twice counts once.
 * Ended jobs: the newest FINISHED_JOBS_KEPT are kept, like the memory and file stores.
 */
export function createRedisJobStore(options: RedisJobStoreOptions): JobStore {
  const { redis, keyPrefix, logger } = options;
  requireFailFast(redis, 'the Redis job store');
  const index = redisJobIndexKeys(keyPrefix);
  const reported = new Set<string>();

  /** Progress as progressOf computes it, from what the scripts read; malformed: logged once. */
  function decode(id: string, fields: unknown, failures: unknown, now: number) {
    const hash = jobHashSchema.safeParse(pairsOf(fields));
    if (!hash.success) {
      if (!reported.has(id)) {
        reported.add(id);
        logger.error(
          { key: redisJobKeys(keyPrefix, id).job, problem: z.prettifyError(hash.error) },
          'jobs: malformed job in Redis ignored',
        );
      }
      return undefined;
    }
    reported.delete(id);
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
    return progress;
  }

  return {
    async create(spec, now) {
      const record = newJobRecord(randomUUID(), spec, now); // validates, as the other stores do
      const keys = redisJobKeys(keyPrefix, record.id);
      await untilReady(redis);
      await redis.eval(
        CREATE_LUA,
        5,
        index.running,
        index.all,
        index.ended,
        keys.job,
        keys.items,
        keyPrefix,
        record.id,
        record.kind,
        JSON.stringify(record.params),
        String(record.batchSize),
        String(now),
        String(FINISHED_JOBS_KEPT),
        ...record.items,
      );
      return progressOf(record, now);
    },

    async progress(id, now) {
      if (!JOB_ID.test(id)) return undefined;
      const keys = redisJobKeys(keyPrefix, id);
      await untilReady(redis);
      const reply = await redis.eval(PROGRESS_LUA, 2, keys.job, keys.failures);
      if (!Array.isArray(reply) || reply.length !== 2) throw unexpected(reply);
      const [fields, failures] = reply as unknown[];
      return stringsOf(fields).length === 0 ? undefined : decode(id, fields, failures, now);
    },

    async list(now) {
      await untilReady(redis);
      const reply = await redis.eval(LIST_LUA, 1, index.all, keyPrefix);
      if (!Array.isArray(reply)) throw unexpected(reply);
      return (reply as unknown[]).flatMap((entry) => {
        if (!Array.isArray(entry) || typeof entry[0] !== 'string') throw unexpected(reply);
        return decode(entry[0], entry[1], entry[2], now) ?? [];
      });
    },

    async claim(owner, now, leaseMs) {
      await untilReady(redis);
      const reply = await redis.eval(
        CLAIM_LUA,
        1,
        index.running,
        keyPrefix,
        owner,
        String(now),
        String(now + leaseMs),
      );
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
    },

    async renew(claim, now, leaseMs) {
      if (!JOB_ID.test(claim.jobId)) return false;
      const keys = redisJobKeys(keyPrefix, claim.jobId);
      await untilReady(redis);
      const reply = await redis.eval(
        RENEW_LUA,
        2,
        keys.job,
        keys.leases,
        String(claim.batch),
        claim.owner,
        String(now + leaseMs),
      );
      return reply === 1;
    },

    async complete(claim, outcome, now) {
      if (!JOB_ID.test(claim.jobId)) return;
      const keys = redisJobKeys(keyPrefix, claim.jobId);
      await untilReady(redis);
      await redis.eval(
        COMPLETE_LUA,
        7,
        index.running,
        index.all,
        index.ended,
        keys.job,
        keys.finished,
        keys.leases,
        keys.failures,
        keyPrefix,
        claim.jobId,
        String(claim.batch),
        String(outcome.done),
        String(outcome.failures.length),
        String(now),
        String(FINISHED_JOBS_KEPT),
        String(MAX_FAILURES_KEPT),
        // No job keeps more than these of one batch's failures.
        ...outcome.failures
          .slice(0, MAX_FAILURES_KEPT)
          .map(({ item, reason }) => JSON.stringify({ item, reason })),
      );
    },

    async cancel(id, now) {
      if (!JOB_ID.test(id)) return false;
      const keys = redisJobKeys(keyPrefix, id);
      await untilReady(redis);
      const reply = await redis.eval(
        CANCEL_LUA,
        4,
        index.running,
        index.all,
        index.ended,
        keys.job,
        keyPrefix,
        id,
        String(now),
        String(FINISHED_JOBS_KEPT),
      );
      return reply === 1;
    },
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

function stringsOf(reply: unknown): string[] {
  if (Array.isArray(reply) && reply.every((item) => typeof item === 'string')) return reply;
  throw unexpected(reply);
}

function pairsOf(reply: unknown): Record<string, string> {
  const flat = stringsOf(reply);
  const pairs: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) pairs[flat[i] as string] = flat[i + 1] as string;
  return pairs;
}

function unexpected(reply: unknown): Error {
  return new Error(`job store: unexpected reply from Redis: ${JSON.stringify(reply)}`);
}
