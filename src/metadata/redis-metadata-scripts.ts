/*
 * The Redis metadata store's scripts: each runs as one atomic step in Redis. Keys: the metadata
 * hash (queue name -> JSON) and the versions hash (queue name -> version; missing = 1).
 */

/**
 * KEYS[1] the metadata hash, KEYS[2] the versions hash, KEYS[3] the poller lock ('' =
 * unfenced); ARGV[1] JSON {names: [...], defaults: {name: metadataJson}}, ARGV[2] the lock
 * token. When the lock holds another token, changes nothing and returns {-1, {}}. A listed queue
 * that is neither stored nor given a default makes the script change nothing and return
 * {0, those names}: the caller computes their defaults and calls again. Otherwise adds the
 * defaults of missing queues (at version 1: any version left behind is dropped), deletes
 * unlisted queues with their versions and returns {1, HGETALL of the metadata}. The versions of
 * queues it keeps are left alone: a supervisor's edit must not lose its version to a poll.
 */
export const RECONCILE_LUA = `
if KEYS[3] ~= '' and redis.call('GET', KEYS[3]) ~= ARGV[2] then return { -1, {} } end
local input = cjson.decode(ARGV[1])
local wanted, missing = {}, {}
for _, name in ipairs(input.names) do
  wanted[name] = true
  if input.defaults[name] == nil and redis.call('HEXISTS', KEYS[1], name) == 0 then
    missing[#missing + 1] = name
  end
end
if #missing > 0 then return { 0, missing } end
for _, name in ipairs(input.names) do
  if input.defaults[name] ~= nil and redis.call('HSETNX', KEYS[1], name, input.defaults[name]) == 1 then
    redis.call('HDEL', KEYS[2], name)
  end
end
for _, name in ipairs(redis.call('HKEYS', KEYS[1])) do
  if not wanted[name] then redis.call('HDEL', KEYS[1], name) end
end
for _, name in ipairs(redis.call('HKEYS', KEYS[2])) do
  if not wanted[name] then redis.call('HDEL', KEYS[2], name) end
end
return { 1, redis.call('HGETALL', KEYS[1]) }
`;

/**
 * KEYS[1] the metadata hash, KEYS[2] the versions hash; ARGV[1] the queue, ARGV[2] the new
 * metadata JSON, ARGV[3] the expected version. Returns {'not-found'}, {'conflict', current
 * JSON, current version} (nothing written) or {'saved', new version}. Not fenced by the poller
 * lock: supervisors edit from web processes, which never hold it.
 */
export const UPDATE_LUA = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return { 'not-found' } end
local stored = redis.call('HGET', KEYS[2], ARGV[1]) or '1'
local version = tonumber(stored)
if version == nil or version ~= tonumber(ARGV[3]) then return { 'conflict', current, stored } end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('HSET', KEYS[2], ARGV[1], version + 1)
return { 'saved', tostring(version + 1) }
`;

/** KEYS as UPDATE_LUA, ARGV[1] the queue: {metadata JSON or nil, version or nil}, read together. */
export const GET_LUA = `
return { redis.call('HGET', KEYS[1], ARGV[1]), redis.call('HGET', KEYS[2], ARGV[1]) }
`;
