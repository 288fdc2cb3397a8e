/*
 * The queue-event outbox's one script: delivers a batch of held events to the shared stream as
 * one atomic step in Redis, so that "record a departure once" and "tell every learner" can never
 * come apart, whichever process heard the webhook and however often a delivery is retried.
 */

/**
 * KEYS[1] the stream, KEYS[2] this outbox's progress key (the last sequence number delivered),
 * KEYS[3…] the once-keys of the batch's departures. ARGV[1] how long keys are kept (ms),
 * ARGV[2] the stream's MINID trim bound, then per event: its sequence number, the index into
 * KEYS of its once-key (0 = none), its field count, its fields.
 *
 * Per event, in order, returns 1 (added), 0 (a departure already recorded: its once-key is
 * taken, by another process or an earlier report) or -1 (delivered by an earlier attempt of this
 * outbox whose answer was lost: a command that timed out during a stall still runs once Redis
 * answers again). The progress key is what makes a retry harmless for every kind of event.
 */
export const DELIVER_LUA = `
local done = tonumber(redis.call('GET', KEYS[2]) or '0')
local last = done
local results = {}
local i = 3
while i <= #ARGV do
  local seq = tonumber(ARGV[i])
  local once = tonumber(ARGV[i + 1])
  local n = tonumber(ARGV[i + 2])
  local result = 1
  if seq <= done then
    result = -1
  elseif once > 0 and not redis.call('SET', KEYS[once], ARGV[i], 'PX', ARGV[1], 'NX') then
    result = 0
  else
    redis.call('XADD', KEYS[1], 'MINID', '~', ARGV[2], '*', unpack(ARGV, i + 3, i + 2 + n))
  end
  if seq > last then last = seq end
  results[#results + 1] = result
  i = i + 3 + n
end
redis.call('SET', KEYS[2], last, 'PX', ARGV[1])
return results
`;
