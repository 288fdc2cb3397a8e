/*
 * The Redis survey store's scripts, each one atomic step. A survey is a JSON string (Redis here
 * has no RedisJSON); a script decodes, changes and re-encodes it, so a reply and a status
 * callback arriving together cannot lose each other's change.
 */

/**
 * KEYS[1] survey, KEYS[2] take, KEYS[3] due set; ARGV[1] the survey JSON, ARGV[2] its dueAt,
 * ARGV[3] callSid, ARGV[4] ttl seconds. 0 when the call has a survey already.
 */
export const SCHEDULE_LUA = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local survey = cjson.decode(ARGV[1])
local rep = redis.call('GET', KEYS[2])
if rep then survey.repCallSid = rep end
redis.call('SET', KEYS[1], cjson.encode(survey), 'EX', ARGV[4])
redis.call('DEL', KEYS[2])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
return 1
`;

/**
 * KEYS[1] due set; ARGV[1] now, ARGV[2] limit, ARGV[3] the survey key prefix. Takes each due
 * survey out of the set and marks it sending; returns their JSON.
 */
export const CLAIM_LUA = `
local sids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local claimed = {}
for _, sid in ipairs(sids) do
  redis.call('ZREM', KEYS[1], sid)
  local key = ARGV[3] .. sid
  local raw = redis.call('GET', key)
  if raw then
    local survey = cjson.decode(raw)
    if survey.status == 'due' then
      survey.status = 'sending'
      local json = cjson.encode(survey)
      redis.call('SET', key, json, 'KEEPTTL')
      claimed[#claimed + 1] = json
    end
  end
end
return claimed
`;

/**
 * KEYS[1] survey; ARGV[1] JSON of the fields to set. When the survey is sent, KEYS[2] (the
 * number's last survey) is set to ARGV[2] for ARGV[3] seconds.
 */
export const SET_FIELDS_LUA = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local survey = cjson.decode(raw)
for field, value in pairs(cjson.decode(ARGV[1])) do survey[field] = value end
redis.call('SET', KEYS[1], cjson.encode(survey), 'KEEPTTL')
if survey.status == 'sent' and ARGV[2] ~= '' then
  redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
end
return 1
`;

/**
 * KEYS[1] survey, KEYS[2] the queue's scores (a sorted set: "callSid:score" by time); ARGV[1]
 * the reply JSON {score?, comment?, at}, ARGV[2] the oldest time to keep scores for. The first
 * score counts; a later one, and every text, goes to the comment (as withReply does).
 */
export const RESPOND_LUA = `
local raw = redis.call('GET', KEYS[1])
if not raw then return false end
local survey = cjson.decode(raw)
local reply = cjson.decode(ARGV[1])
local words = {}
if reply.score ~= nil and survey.score ~= nil then words[#words + 1] = tostring(reply.score) end
if reply.comment ~= nil then words[#words + 1] = reply.comment end
local text = table.concat(words, ' ')
if text ~= '' then
  if survey.comment == nil then survey.comment = text else survey.comment = survey.comment .. '\\n' .. text end
end
if survey.score == nil and reply.score ~= nil then
  survey.score = reply.score
  redis.call('ZADD', KEYS[2], reply.at, survey.callSid .. ':' .. reply.score)
  redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])
end
if survey.respondedAt == nil then survey.respondedAt = reply.at end
local json = cjson.encode(survey)
redis.call('SET', KEYS[1], json, 'KEEPTTL')
return json
`;
