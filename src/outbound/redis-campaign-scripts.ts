import { HOUR_MS, OUTCOME_HOURS_KEPT } from './outcome-hours.js';

/*
 * The Redis campaign store's scripts: each change is one script, so it is one atomic step however
 * many processes share the store, and each does what CampaignBook does in memory. Keys, behind
 * the prefix (names from redis-campaign-keys.ts; {E} is `campaign_execution:ID`):
 *   {E}                    STRING the execution's JSON (an outside manager may use RedisJSON)
 *   {E}:status             STRING ready|running|paused|stopped|complete (absent: ready)
 *   {E}:contacts           HASH contactId -> contact JSON
 *   {E}:cache              LIST contact ids never tried, in list order (taken from the head)
 *   {E}:cache_due          ZSET contacts put back, by due time; members `{ordinal:16}:{contactId}`,
 *                          so equal due times go in the order they were put back
 *   {E}:cache_due_members  HASH contactId -> its cache_due member (a contact is in it once)
 *   {E}:attempts           HASH attemptId -> attempt JSON
 *   {E}:active_calls       SET attempt ids not ended (the original design's active-call set)
 *   {E}:active_order       ZSET the same ids by claim ordinal, so active() lists in claim order
 *   {E}:calls              HASH callSid -> attemptId
 *   {E}:sequences          HASH contactId -> its last attempt's sequence (ids are never reused)
 *   {E}:tries              HASH contactId -> attempts that ended
 *   {E}:counts             HASH dialed, answered, connected, abandoned, machine, failed,
 *                          finished, and `ordinal` (the counter behind the two orders above)
 *   {E}:outcome_hours      HASH `{hour}:connected|abandoned|machine` -> count, per hour of the
 *                          epoch the attempt ended in (outcome-hours.ts)
 *   {E}:outcome_hour_index ZSET those hours (member and score the hour), to sum and prune them
 *   {E}:pacing_state       STRING the runner's PacingState JSON
 *   campaign_executions    SET execution ids
 *   call_dispositions      STREAM campaign, attempt, contact, phone, number, outcome, final, at,
 *                          callSid and reason when present, json (the whole disposition)
 *   queue_event_stream     STREAM campaign, event, at
 * Every script takes the same KEYS, in scriptKeys' order. Attempts are JSON patched with cjson,
 * which writes numbers with 14 significant digits: exact for whole epoch ms (13 digits) and
 * small counts, which is all an attempt holds. Times are the caller's, never Redis TIME.
 */

const PRELUDE = `
local K = {
  execution = KEYS[1], status = KEYS[2], contacts = KEYS[3], cache = KEYS[4],
  cacheDue = KEYS[5], cacheDueMembers = KEYS[6], attempts = KEYS[7], activeCalls = KEYS[8],
  activeOrder = KEYS[9], calls = KEYS[10], sequences = KEYS[11], tries = KEYS[12],
  counts = KEYS[13], executions = KEYS[14], dispositions = KEYS[15], queueEvents = KEYS[16],
  outcomeHours = KEYS[17], outcomeHourIndex = KEYS[18], pacingState = KEYS[19]
}

local function statusOf()
  if redis.call('EXISTS', K.execution) == 0 then return nil end
  return redis.call('GET', K.status) or 'ready'
end

local function isOneOf(value, list)
  for _, item in ipairs(list) do
    if item == value then return true end
  end
  return false
end

local function nextOrdinal()
  return redis.call('HINCRBY', K.counts, 'ordinal', 1)
end

local function remaining()
  return redis.call('LLEN', K.cache) + redis.call('ZCARD', K.cacheDue)
end

-- ContactCache.putBack: after every contact due at the same time or earlier; once at most.
local function putBack(contactId, dueAt)
  if redis.call('HEXISTS', K.cacheDueMembers, contactId) == 1 then return end
  local member = string.format('%016d', nextOrdinal()) .. ':' .. contactId
  redis.call('ZADD', K.cacheDue, dueAt, member)
  redis.call('HSET', K.cacheDueMembers, contactId, member)
end

local function forgetActive(attemptId)
  redis.call('SREM', K.activeCalls, attemptId)
  redis.call('ZREM', K.activeOrder, attemptId)
end

local function attemptIn(attemptId, fromJson)
  local json = redis.call('HGET', K.attempts, attemptId)
  if not json then return nil end
  local attempt = cjson.decode(json)
  if fromJson ~= nil and not isOneOf(attempt.state, cjson.decode(fromJson)) then return nil end
  return attempt
end
`;

/** OutcomeHours.count: a new hour drops those OUTCOME_HOURS_KEPT or more before it. */
const COUNT_HOUR = `
local function countHour(outcome, at)
  local hour = string.format('%d', math.floor(tonumber(at) / ${HOUR_MS}))
  if redis.call('ZADD', K.outcomeHourIndex, 'NX', hour, hour) == 1 then
    local horizon = tonumber(hour) - ${OUTCOME_HOURS_KEPT}
    for _, old in ipairs(redis.call('ZRANGEBYSCORE', K.outcomeHourIndex, '-inf', horizon)) do
      redis.call('HDEL', K.outcomeHours, old .. ':connected', old .. ':abandoned', old .. ':machine')
    end
    redis.call('ZREMRANGEBYSCORE', K.outcomeHourIndex, '-inf', horizon)
  end
  redis.call('HINCRBY', K.outcomeHours, hour .. ':' .. outcome, 1)
end

-- A campaign that had outcomes before hours were counted (they are in its counts, not its
-- hours): its ended attempts are counted once, in end order, as the steps that ended them would
-- have, as the embedded store rebuilds them from an older snapshot. Before the attempt being
-- ended is written as ended, so it is not among them.
local function countEarlierHours()
  if redis.call('EXISTS', K.outcomeHourIndex) == 1 then return end
  local seen = redis.call('HMGET', K.counts, 'answered', 'machine')
  if tonumber(seen[1] or 0) + tonumber(seen[2] or 0) == 0 then return end
  local ended = {}
  local all = redis.call('HGETALL', K.attempts)
  for i = 2, #all, 2 do
    local earlier = cjson.decode(all[i])
    if earlier.endedAt ~= nil and isOneOf(earlier.outcome, { 'connected', 'abandoned', 'machine' }) then
      ended[#ended + 1] = earlier
    end
  end
  table.sort(ended, function(x, y) return x.endedAt < y.endedAt end)
  for _, earlier in ipairs(ended) do countHour(earlier.outcome, earlier.endedAt) end
end
`;

/** ARGV[1] id, ARGV[2] execution JSON, ARGV[3..] contact id, contact JSON, … Returns 1 or 0. */
export const CREATE_LUA = `${PRELUDE}
if redis.call('EXISTS', K.execution) == 1 then return 0 end
redis.call('SET', K.execution, ARGV[2])
redis.call('SET', K.status, 'ready')
redis.call('SADD', K.executions, ARGV[1])
-- A repeated contact id keeps its first row, as the book does; ids are pushed in chunks because
-- Lua's unpack has a stack limit.
local fresh = {}
for i = 3, #ARGV, 2 do
  if redis.call('HSETNX', K.contacts, ARGV[i], ARGV[i + 1]) == 1 then
    fresh[#fresh + 1] = ARGV[i]
    if #fresh == 1000 then
      redis.call('RPUSH', K.cache, unpack(fresh))
      fresh = {}
    end
  end
end
if #fresh > 0 then redis.call('RPUSH', K.cache, unpack(fresh)) end
return 1
`;

/**
 * Reads what get() needs besides the execution's JSON, in one step. Returns nil when there is no
 * execution, else {TYPE of the execution key, its value when a plain string (else false),
 * status, total, remaining, active, dialed, answered, connected, abandoned, machine, failed,
 * finished, the pacing state's JSON (or false)}.
 */
export const RECORD_LUA = `${PRELUDE}
local status = statusOf()
if status == nil then return nil end
local kind = redis.call('TYPE', K.execution).ok
local plain = false
if kind == 'string' then plain = redis.call('GET', K.execution) end
local reply = { kind, plain, status, redis.call('HLEN', K.contacts), remaining(),
  redis.call('SCARD', K.activeCalls) }
local counts = redis.call('HMGET', K.counts, 'dialed', 'answered', 'connected', 'abandoned',
  'machine', 'failed', 'finished')
for i = 1, #counts do reply[#reply + 1] = tonumber(counts[i] or 0) end
reply[#reply + 1] = redis.call('GET', K.pacingState)
return reply
`;

/** ARGV[1] the first hour. The sums {connected, abandoned, machine} from that hour on. */
export const OUTCOMES_SINCE_LUA = `${PRELUDE}
local sums = { 0, 0, 0 }
for _, hour in ipairs(redis.call('ZRANGEBYSCORE', K.outcomeHourIndex, ARGV[1], '+inf')) do
  local counts = redis.call('HMGET', K.outcomeHours, hour .. ':connected', hour .. ':abandoned',
    hour .. ':machine')
  for i = 1, 3 do sums[i] = sums[i] + tonumber(counts[i] or 0) end
end
return sums
`;

/** ARGV[1] the pacing state's JSON; kept only for an execution that exists. */
export const SET_PACING_STATE_LUA = `${PRELUDE}
if statusOf() == nil then return 0 end
redis.call('SET', K.pacingState, ARGV[1])
return 1
`;

/**
 * ARGV[1] id, ARGV[2] from (JSON array), ARGV[3] to, ARGV[4] the event ('' for none), ARGV[5]
 * its time. Returns 1 when the status moved.
 */
export const SET_STATUS_LUA = `${PRELUDE}
local status = statusOf()
if status == nil or not isOneOf(status, cjson.decode(ARGV[2])) then return 0 end
redis.call('SET', K.status, ARGV[3])
if ARGV[4] ~= '' then
  redis.call('XADD', K.queueEvents, '*', 'campaign', ARGV[1], 'event', ARGV[4], 'at', ARGV[5])
end
return 1
`;

/**
 * ARGV[1] id, ARGV[2] max, ARGV[3] now. Contacts put back and due first, then fresh ones, each
 * as a new claimed attempt in the active set. A cached id without a contact holding a phone
 * (an outside manager's slip) is dropped as finished and failed: it can never be dialed.
 * Returns the attempts' JSON.
 */
export const CLAIM_LUA = `${PRELUDE}
local max = tonumber(ARGV[2])
if statusOf() ~= 'running' or max <= 0 then return {} end
local taken = {}
for _, member in ipairs(redis.call('ZRANGEBYSCORE', K.cacheDue, '-inf', ARGV[3], 'LIMIT', 0, max)) do
  local contactId = string.sub(member, 18)
  redis.call('ZREM', K.cacheDue, member)
  redis.call('HDEL', K.cacheDueMembers, contactId)
  taken[#taken + 1] = contactId
end
if #taken < max then
  local fresh = redis.call('LPOP', K.cache, max - #taken)
  if fresh then
    for _, contactId in ipairs(fresh) do taken[#taken + 1] = contactId end
  end
end

local function phoneOf(contactId)
  local json = redis.call('HGET', K.contacts, contactId)
  if not json then return nil end
  local ok, contact = pcall(cjson.decode, json)
  if not ok or type(contact) ~= 'table' or type(contact.phone) ~= 'string' then return nil end
  return contact.phone
end

local now = tonumber(ARGV[3])
local claimed = {}
for _, contactId in ipairs(taken) do
  local phone = phoneOf(contactId)
  if phone == nil then
    redis.call('HINCRBY', K.counts, 'failed', 1)
    redis.call('HINCRBY', K.counts, 'finished', 1)
  else
    local sequence = redis.call('HINCRBY', K.sequences, contactId, 1)
    local tries = tonumber(redis.call('HGET', K.tries, contactId) or 0)
    local id = contactId .. '#' .. sequence
    local json = cjson.encode({ id = id, campaignId = ARGV[1], contactId = contactId,
      phone = phone, number = tries + 1, state = 'claimed', claimedAt = now })
    redis.call('HSET', K.attempts, id, json)
    redis.call('SADD', K.activeCalls, id)
    redis.call('ZADD', K.activeOrder, nextOrdinal(), id)
    claimed[#claimed + 1] = json
  end
end
return claimed
`;

/** The active attempts' JSON in claim order, read in one step. */
export const ACTIVE_LUA = `${PRELUDE}
local ids = redis.call('ZRANGE', K.activeOrder, 0, -1)
if #ids == 0 then return {} end
local found = {}
for _, json in ipairs(redis.call('HMGET', K.attempts, unpack(ids))) do
  if json then found[#found + 1] = json end
end
return found
`;

/**
 * ARGV[1] attempt id, ARGV[2] from (JSON array), ARGV[3] the patch (JSON, no undefined fields).
 * A call SID already another attempt's refuses the move; the first SID an attempt gets counts
 * it as dialed. Returns the attempt's JSON after the move, or nil.
 */
export const ADVANCE_LUA = `${PRELUDE}
local attempt = attemptIn(ARGV[1], ARGV[2])
if attempt == nil then return nil end
local patch = cjson.decode(ARGV[3])
if patch.callSid ~= nil then
  local owner = redis.call('HGET', K.calls, patch.callSid)
  if owner and owner ~= ARGV[1] then return nil end
  if attempt.callSid == nil then redis.call('HINCRBY', K.counts, 'dialed', 1) end
  redis.call('HSET', K.calls, patch.callSid, ARGV[1])
end
for field, value in pairs(patch) do attempt[field] = value end
local moved = cjson.encode(attempt)
redis.call('HSET', K.attempts, ARGV[1], moved)
return moved
`;

/**
 * ARGV[1] attempt id, ARGV[2] from (JSON array), ARGV[3] when its contact is due again. The
 * attempt is forgotten (its sequence is not: the next one has a new id). Returns 1 or 0.
 */
export const RELEASE_LUA = `${PRELUDE}
local attempt = attemptIn(ARGV[1], ARGV[2])
if attempt == nil then return 0 end
redis.call('HDEL', K.attempts, ARGV[1])
forgetActive(ARGV[1])
putBack(attempt.contactId, ARGV[3])
return 1
`;

/**
 * ARGV[1] id, ARGV[2] attempt id, ARGV[3] the end (JSON), ARGV[4] retryAt ('' when final).
 * Ends an attempt not ended yet, counts it, puts its contact back when it is tried again, and
 * publishes its one disposition. Returns the disposition's JSON, or nil.
 */
export const END_LUA = `${PRELUDE}${COUNT_HOUR}
local attempt = attemptIn(ARGV[2], nil)
if attempt == nil or attempt.state == 'ended' then return nil end
local ending = cjson.decode(ARGV[3])
if isOneOf(ending.outcome, { 'connected', 'abandoned', 'machine' }) then countEarlierHours() end
local callSid = ending.callSid or attempt.callSid
if callSid ~= nil and attempt.callSid == nil then
  redis.call('HINCRBY', K.counts, 'dialed', 1)
  redis.call('HSET', K.calls, callSid, ARGV[2])
end
attempt.state = 'ended'
attempt.outcome = ending.outcome
attempt.endedAt = ending.at
attempt.callSid = callSid
if ending.callStatus ~= nil then attempt.callStatus = ending.callStatus end
if ending.reason ~= nil then attempt.reason = ending.reason end
redis.call('HSET', K.attempts, ARGV[2], cjson.encode(attempt))
forgetActive(ARGV[2])
redis.call('HSET', K.tries, attempt.contactId, attempt.number)

local final = ARGV[4] == ''
local outcome = ending.outcome
local function count(field) redis.call('HINCRBY', K.counts, field, 1) end
if outcome == 'connected' then count('answered') count('connected')
elseif outcome == 'abandoned' then count('answered') count('abandoned')
elseif outcome == 'machine' then count('machine')
elseif final and isOneOf(outcome, { 'failed', 'do-not-call', 'no-calling-hours' }) then
  count('failed')
end
if isOneOf(outcome, { 'connected', 'abandoned', 'machine' }) then countHour(outcome, ending.at) end
if final then count('finished') else putBack(attempt.contactId, ARGV[4]) end

local disposition = cjson.encode({ campaignId = ARGV[1], attemptId = ARGV[2],
  contactId = attempt.contactId, phone = attempt.phone, attempt = attempt.number,
  outcome = outcome, final = final, at = ending.at, callSid = callSid, reason = ending.reason })
local fields = { 'campaign', ARGV[1], 'attempt', ARGV[2], 'contact', attempt.contactId,
  'phone', attempt.phone, 'number', attempt.number, 'outcome', outcome,
  'final', final and 'true' or 'false', 'at', ending.at }
if callSid ~= nil then fields[#fields + 1] = 'callSid' fields[#fields + 1] = callSid end
if ending.reason ~= nil then fields[#fields + 1] = 'reason' fields[#fields + 1] = ending.reason end
fields[#fields + 1] = 'json'
fields[#fields + 1] = disposition
redis.call('XADD', K.dispositions, '*', unpack(fields))
return disposition
`;

/**
 * ARGV[1] id, ARGV[2] at. running -> complete when the cache is empty and no attempt is active,
 * publishing "complete" in the same step. Returns 1 when it completed now.
 */
export const COMPLETE_IF_DONE_LUA = `${PRELUDE}
if statusOf() ~= 'running' or remaining() > 0 or redis.call('SCARD', K.activeCalls) > 0 then
  return 0
end
redis.call('SET', K.status, 'complete')
redis.call('XADD', K.queueEvents, '*', 'campaign', ARGV[1], 'event', 'complete', 'at', ARGV[2])
return 1
`;
