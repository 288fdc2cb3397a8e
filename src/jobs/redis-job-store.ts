import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { requireFailFast } from '../redis/client-options.js';
import type { BatchOutcome, ClaimedBatch, JobProgress, JobSpec } from './job.js';
import { newJobRecord, progressOf } from './job-records.js';
import type { JobStore } from './job-store.js';
import {
  evalCancel,
  evalClaim,
  evalComplete,
  evalCreate,
  evalList,
  evalProgress,
  evalRenew,
} from './redis-job-commands.js';
import { isRedisJobId, redisJobIndexKeys, redisJobKeys } from './redis-job-keys.js';
import { decodeClaim, decodeJob, stringsOf, unexpected } from './redis-job-replies.js';

export { redisJobIndexKeys, redisJobKeys };

export interface RedisJobStoreOptions {
  /** A fail-fast connection (failFastRedisOptions), owned by the caller. */
  readonly redis: Redis;
  /** e.g. 'holdline:'. */
  readonly keyPrefix: string;
  readonly logger: Logger;
}

export function createRedisJobStore(options: RedisJobStoreOptions): JobStore {
  return new RedisJobStore(options);
}

/**
 * Jobs shared by every process: any of them creates or cancels, any runner claims. Every method
 * is one Lua script (or one read), so two runners claiming at once get different batches, a
 * batch is one runner's until its lease runs out, and a batch finished twice counts once.
 * Ended jobs: the newest FINISHED_JOBS_KEPT are kept, like the memory and file stores.
 *
 * A class: besides the connection it holds the malformed jobs already reported, so each is
 * logged once, not at every read. The scripts' calls are in redis-job-commands.ts, the reading
 * of their replies in redis-job-replies.ts.
 */
class RedisJobStore implements JobStore {
  private readonly redis: Redis;
  private readonly keyPrefix: string;
  private readonly logger: Logger;
  private readonly reported = new Set<string>();

  constructor(options: RedisJobStoreOptions) {
    this.redis = options.redis;
    this.keyPrefix = options.keyPrefix;
    this.logger = options.logger;
    requireFailFast(this.redis, 'the Redis job store');
  }

  async create(spec: JobSpec, now: number): Promise<JobProgress> {
    const record = newJobRecord(randomUUID(), spec, now); // validates, as the other stores do
    await evalCreate(this.redis, this.keyPrefix, record, now);
    return progressOf(record, now);
  }

  async progress(id: string, now: number): Promise<JobProgress | undefined> {
    if (!isRedisJobId(id)) return undefined;
    const { fields, failures } = await evalProgress(this.redis, this.keyPrefix, id);
    return stringsOf(fields).length === 0 ? undefined : this.decode(id, fields, failures, now);
  }

  async list(now: number): Promise<JobProgress[]> {
    const reply = await evalList(this.redis, this.keyPrefix);
    return reply.flatMap((entry) => {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') throw unexpected(reply);
      return this.decode(entry[0], entry[1], entry[2], now) ?? [];
    });
  }

  async claim(owner: string, now: number, leaseMs: number): Promise<ClaimedBatch | undefined> {
    const reply = await evalClaim(this.redis, this.keyPrefix, owner, now, leaseMs);
    return decodeClaim(reply, owner);
  }

  async renew(claim: ClaimedBatch, now: number, leaseMs: number): Promise<boolean> {
    if (!isRedisJobId(claim.jobId)) return false;
    return evalRenew(this.redis, this.keyPrefix, claim, now, leaseMs);
  }

  async complete(claim: ClaimedBatch, outcome: BatchOutcome, now: number): Promise<void> {
    if (!isRedisJobId(claim.jobId)) return;
    await evalComplete(this.redis, this.keyPrefix, claim, outcome, now);
  }

  async cancel(id: string, now: number): Promise<boolean> {
    if (!isRedisJobId(id)) return false;
    return evalCancel(this.redis, this.keyPrefix, id, now);
  }

  /** A malformed job is left out, and logged once (again only after it read well). */
  private decode(id: string, fields: unknown, failures: unknown, now: number) {
    const decoded = decodeJob(id, fields, failures, now);
    if (decoded.ok) {
      this.reported.delete(id);
      return decoded.progress;
    }
    if (!this.reported.has(id)) {
      this.reported.add(id);
      this.logger.error(
        { key: redisJobKeys(this.keyPrefix, id).job, problem: decoded.problem },
        'jobs: malformed job in Redis ignored',
      );
    }
    return undefined;
  }
}
