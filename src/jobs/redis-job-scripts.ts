/*
 * The Redis job store's scripts: each runs as one atomic step in Redis. Keys under the prefix:
 *   jobs:running  ZSET id by startedAt: the jobs claim looks at, oldest first
 *   jobs:all      ZSET id by startedAt: every job kept, for list
 *   jobs:ended    ZSET id by finishedAt: done and cancelled jobs, the oldest pruned first
 *   job:{id}           HASH kind, params (JSON), batchSize, total, batches, next (the first
 *                      batch never handed out), startedAt, state, finishedAt, done, failed
 *   job:{id}:items     LIST the items, so a batch is one LRANGE (dropped when the job ends)
 *   job:{id}:leases    HASH batch -> "owner|until" (dropped when the job ends)
 *   job:{id}:finished  SET batch indexes whose outcome is recorded
 *   job:{id}:failures  LIST failure JSON, at most MAX_FAILURES_KEPT
 * Times are the caller's (never Redis TIME). Claim, list and pruning reach keys of jobs they
 * find in the indexes, so the keys of one prefix must live on one Redis (no cluster slots).
 */

/**
 * Helpers for the scripts that end a job. endJob: the job leaves jobs:running for jobs:ended;
 * its items and leases go (no batch of it is handed out again), its finished set stays (a late
 * complete must still count once). prune: keeps the newest `kept` ended jobs, deleting every
 * key of the others and their index entries in the same step, so list never meets a gone job.
 */
const END_JOB_LUA = `
local function prune(prefix, allKey, endedKey, kept)
  local excess = redis.call('ZCARD', endedKey) - kept
  if excess <= 0 then return end
  for _, id in ipairs(redis.call('ZRANGE', endedKey, 0, excess - 1)) do
    local job = prefix .. 'job:' .. id
    redis.call('UNLINK', job, job .. ':items', job .. ':leases', job .. ':finished', job .. ':failures')
    redis.call('ZREM', allKey, id)
    redis.call('ZREM', endedKey, id)
  end
end

local function endJob(prefix, id, state, now, kept, runningKey, allKey, endedKey)
  local job = prefix .. 'job:' .. id
  redis.call('HSET', job, 'state', state, 'finishedAt', now)
  redis.call('ZREM', runningKey, id)
  redis.call('ZADD', endedKey, now, id)
  redis.call('UNLINK', job .. ':items', job .. ':leases')
  prune(prefix, allKey, endedKey, kept)
end
`;

/**
 * KEYS[1] jobs:running, KEYS[2] jobs:all, KEYS[3] jobs:ended, KEYS[4] the job hash, KEYS[5] its
 * items; ARGV[1] the prefix, ARGV[2] the id, ARGV[3] kind, ARGV[4] params JSON, ARGV[5]
 * batchSize, ARGV[6] now, ARGV[7] ended jobs kept, ARGV[8..] the items (pushed 1000 at a time:
 * Lua's unpack has a stack limit). An empty job is done as it starts.
 */
export const CREATE_LUA = `${END_JOB_LUA}
local first = 8
local count = #ARGV - first + 1
for from = first, #ARGV, 1000 do
  redis.call('RPUSH', KEYS[5], unpack(ARGV, from, math.min(from + 999, #ARGV)))
end
redis.call('HSET', KEYS[4], 'kind', ARGV[3], 'params', ARGV[4], 'batchSize', ARGV[5],
  'total', count, 'batches', math.ceil(count / tonumber(ARGV[5])), 'next', 0,
  'startedAt', ARGV[6], 'state', 'running', 'done', 0, 'failed', 0)
redis.call('ZADD', KEYS[2], ARGV[6], ARGV[2])
if count == 0 then
  endJob(ARGV[1], ARGV[2], 'done', ARGV[6], tonumber(ARGV[7]), KEYS[1], KEYS[2], KEYS[3])
else
  redis.call('ZADD', KEYS[1], ARGV[6], ARGV[2])
end
return 1
`;

/**
 * KEYS[1] jobs:running; ARGV[1] the prefix, ARGV[2] the owner, ARGV[3] now, ARGV[4] the lease's
 * end. Of the running jobs, oldest first, the lowest batch that is free: one whose lease ran out
 * (lease <= now), else the next never handed out. Costs the running jobs looked at plus their
 * leases (batches held right now), not their batches. Returns {id, kind, params JSON, batch,
 * {items}} or nil.
 */
export const CLAIM_LUA = `
local now = tonumber(ARGV[3])
for _, id in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local job = ARGV[1] .. 'job:' .. id
  local f = redis.call('HMGET', job, 'state', 'batches', 'next', 'batchSize', 'kind', 'params')
  local batches, nextBatch, size = tonumber(f[2]), tonumber(f[3]), tonumber(f[4])
  -- A malformed job (not written by this store) is passed over, not allowed to stop every claim.
  if f[1] == 'running' and batches and nextBatch and size and f[5] and f[6] then
    local batch
    local leases = redis.call('HGETALL', job .. ':leases')
    for i = 1, #leases, 2 do
      local index = tonumber(leases[i])
      local heldUntil = tonumber(string.match(leases[i + 1], '|([^|]*)$')) or 0
      if index and heldUntil <= now and (batch == nil or index < batch) then batch = index end
    end
    if batch == nil and nextBatch < batches then
      batch = nextBatch
      redis.call('HSET', job, 'next', batch + 1)
    end
    if batch ~= nil then
      redis.call('HSET', job .. ':leases', batch, ARGV[2] .. '|' .. ARGV[4])
      local items = redis.call('LRANGE', job .. ':items', batch * size, (batch + 1) * size - 1)
      return { id, f[5], f[6], batch, items }
    end
  end
end
return false
`;

/**
 * KEYS[1] the job hash, KEYS[2] its leases; ARGV[1] the batch, ARGV[2] the owner, ARGV[3] the
 * lease's new end. 1 when extended; 0 when the job is not running or the lease is another's
 * (or gone: the batch was completed).
 */
export const RENEW_LUA = `
if redis.call('HGET', KEYS[1], 'state') ~= 'running' then return 0 end
local held = redis.call('HGET', KEYS[2], ARGV[1])
if not held or string.match(held, '^(.*)|[^|]*$') ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. '|' .. ARGV[3])
return 1
`;

/**
 * KEYS[1] jobs:running, KEYS[2] jobs:all, KEYS[3] jobs:ended, KEYS[4] the job hash, KEYS[5] its
 * finished set, KEYS[6] its leases, KEYS[7] its failures; ARGV[1] the prefix, ARGV[2] the id,
 * ARGV[3] the batch, ARGV[4] items done, ARGV[5] items failed, ARGV[6] now, ARGV[7] ended jobs
 * kept, ARGV[8] failures kept per job, ARGV[9..] failure JSON (the first ones of the batch).
 * Records the outcome unless the batch's was already (1 recorded, 0 not); the last batch ends
 * the job. A cancelled job still counts the batches its runners finish.
 */
export const COMPLETE_LUA = `${END_JOB_LUA}
redis.call('HDEL', KEYS[6], ARGV[3])
local f = redis.call('HMGET', KEYS[4], 'state', 'batches')
local batch, batches = tonumber(ARGV[3]), tonumber(f[2])
if not f[1] or not batches or not batch or batch % 1 ~= 0 or batch < 0 or batch >= batches then
  return 0
end
if redis.call('SADD', KEYS[5], batch) == 0 then return 0 end
redis.call('HINCRBY', KEYS[4], 'done', ARGV[4])
redis.call('HINCRBY', KEYS[4], 'failed', ARGV[5])
local room = math.min(tonumber(ARGV[8]) - redis.call('LLEN', KEYS[7]), #ARGV - 8)
if room > 0 then redis.call('RPUSH', KEYS[7], unpack(ARGV, 9, 8 + room)) end
if f[1] == 'running' and redis.call('SCARD', KEYS[5]) == batches then
  endJob(ARGV[1], ARGV[2], 'done', ARGV[6], tonumber(ARGV[7]), KEYS[1], KEYS[2], KEYS[3])
end
return 1
`;

/**
 * KEYS[1] jobs:running, KEYS[2] jobs:all, KEYS[3] jobs:ended, KEYS[4] the job hash; ARGV[1] the
 * prefix, ARGV[2] the id, ARGV[3] now, ARGV[4] ended jobs kept. 1 when cancelled, 0 when there
 * is no such running job.
 */
export const CANCEL_LUA = `${END_JOB_LUA}
if redis.call('HGET', KEYS[4], 'state') ~= 'running' then return 0 end
endJob(ARGV[1], ARGV[2], 'cancelled', ARGV[3], tonumber(ARGV[4]), KEYS[1], KEYS[2], KEYS[3])
return 1
`;

/** KEYS[1] the job hash, KEYS[2] its failures: {HGETALL, failures}, read together. */
export const PROGRESS_LUA = `
return { redis.call('HGETALL', KEYS[1]), redis.call('LRANGE', KEYS[2], 0, -1) }
`;

/** KEYS[1] jobs:all; ARGV[1] the prefix. {{id, HGETALL, failures}, ...}, newest first. */
export const LIST_LUA = `
local jobs = {}
for _, id in ipairs(redis.call('ZREVRANGE', KEYS[1], 0, -1)) do
  local job = ARGV[1] .. 'job:' .. id
  local fields = redis.call('HGETALL', job)
  if #fields > 0 then
    jobs[#jobs + 1] = { id, fields, redis.call('LRANGE', job .. ':failures', 0, -1) }
  end
end
return jobs
`;
