import type { Redis } from 'ioredis';
import { untilReady } from '../redis/client-options.js';
import { MAX_FAILURES_KEPT, type BatchOutcome, type ClaimedBatch } from './job.js';
import { FINISHED_JOBS_KEPT, type JobRecord } from './job-records.js';
import { redisJobIndexKeys, redisJobKeys } from './redis-job-keys.js';
import { unexpected } from './redis-job-replies.js';
import {
  CANCEL_LUA,
  CLAIM_LUA,
  COMPLETE_LUA,
  CREATE_LUA,
  LIST_LUA,
  PROGRESS_LUA,
  RENEW_LUA,
} from './redis-job-scripts.js';

/*
 * The Redis job store's scripts called with their keys and arguments, one function a script:
 * each waits for the connection (fail-fast: it rejects at once when Redis is away), then runs
 * its script. No state; ids are the caller's to check (isRedisJobId) before they name a key.
 */

export async function evalCreate(redis: Redis, prefix: string, record: JobRecord, now: number) {
  const index = redisJobIndexKeys(prefix);
  const keys = redisJobKeys(prefix, record.id);
  await untilReady(redis);
  await redis.eval(
    CREATE_LUA,
    5,
    index.running,
    index.all,
    index.ended,
    keys.job,
    keys.items,
    prefix,
    record.id,
    record.kind,
    JSON.stringify(record.params),
    String(record.batchSize),
    String(now),
    String(FINISHED_JOBS_KEPT),
    ...record.items,
  );
}

/** The job's hash (flat field/value pairs; none: no such job) and its failure list. */
export async function evalProgress(redis: Redis, prefix: string, id: string) {
  const keys = redisJobKeys(prefix, id);
  await untilReady(redis);
  const reply = await redis.eval(PROGRESS_LUA, 2, keys.job, keys.failures);
  if (!Array.isArray(reply) || reply.length !== 2) throw unexpected(reply);
  const [fields, failures] = reply as unknown[];
  return { fields, failures };
}

/** Every job kept, newest first: [id, hash pairs, failures] each, for the caller to check. */
export async function evalList(redis: Redis, prefix: string): Promise<unknown[]> {
  await untilReady(redis);
  const reply = await redis.eval(LIST_LUA, 1, redisJobIndexKeys(prefix).all, prefix);
  if (!Array.isArray(reply)) throw unexpected(reply);
  return reply as unknown[];
}

/** CLAIM_LUA's raw reply, for decodeClaim. */
export async function evalClaim(
  redis: Redis,
  prefix: string,
  owner: string,
  now: number,
  leaseMs: number,
): Promise<unknown> {
  await untilReady(redis);
  return redis.eval(
    CLAIM_LUA,
    1,
    redisJobIndexKeys(prefix).running,
    prefix,
    owner,
    String(now),
    String(now + leaseMs),
  );
}

export async function evalRenew(
  redis: Redis,
  prefix: string,
  claim: ClaimedBatch,
  now: number,
  leaseMs: number,
): Promise<boolean> {
  const keys = redisJobKeys(prefix, claim.jobId);
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
}

export async function evalComplete(
  redis: Redis,
  prefix: string,
  claim: ClaimedBatch,
  outcome: BatchOutcome,
  now: number,
): Promise<void> {
  const index = redisJobIndexKeys(prefix);
  const keys = redisJobKeys(prefix, claim.jobId);
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
    prefix,
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
}

export async function evalCancel(
  redis: Redis,
  prefix: string,
  id: string,
  now: number,
): Promise<boolean> {
  const index = redisJobIndexKeys(prefix);
  const keys = redisJobKeys(prefix, id);
  await untilReady(redis);
  const reply = await redis.eval(
    CANCEL_LUA,
    4,
    index.running,
    index.all,
    index.ended,
    keys.job,
    prefix,
    id,
    String(now),
    String(FINISHED_JOBS_KEPT),
  );
  return reply === 1;
}
