/*
 * Where the Redis job store keeps a job (the layout is described in redis-job-scripts.ts).
 */

/** The indexes every job is in. */
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
 * Ids the store makes (UUIDs). Anything else, such as `x:items` from a URL, is no job of ours
 * and must not be read as one (it would name another job's key).
 */
const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isRedisJobId(id: string): boolean {
  return JOB_ID.test(id);
}
