import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { requireFailFast, untilReady } from '../redis/client-options.js';
import {
  createRateLimiter,
  takeBy,
  type Pace,
  type PaceLimiter,
  type PaceReservation,
  type Paces,
} from './rate-limiter.js';

/**
 * GCRA in one step, on Redis's clock (TIME), so every process reserves from one budget and one
 * clock. KEYS[1]: the pace's theoretical arrival time (µs, a string). ARGV: interval and burst
 * allowance (µs). Answers {now, sendAt} in µs. The key expires once the budget is full again,
 * so an idle pace leaves nothing behind. Numbers stay below 2^53 µs, exact in Lua's doubles;
 * they are written with %.0f because tostring would round them to 14 digits.
 */
const RESERVE_LUA = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local interval = tonumber(ARGV[1])
local allowance = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
if tat < now then tat = now end
local sendAt = math.max(now, tat - allowance)
local nextTat = tat + interval
local ttlMs = math.ceil((nextTat - now) / 1000) + 1000
redis.call('SET', KEYS[1], string.format('%.0f', nextTat), 'PX', ttlMs)
return {now, sendAt}
`;

const COMMAND = 'holdlinePaceReserve';
type ReserveCommand = (key: string, intervalUs: string, allowanceUs: string) => Promise<unknown>;

/** Redis's keys of the paces. */
export function redisPaceKey(keyPrefix: string, name: string): string {
  return `${keyPrefix}pace:${name}`;
}

/** After a failed reservation, Redis is left alone this long (a stalled one costs a timeout). */
const RETRY_REDIS_AFTER_MS = 1_000;

/**
 * Redis mode: each pace is one budget for every process, kept by one Lua script (EVALSHA).
 *
 * While Redis cannot be reached (or does not answer within the connection's command timeout),
 * each process paces itself locally at the pace's rate divided by `fallbackProcesses` (the
 * number of processes expected to share it: REST_PACE_FALLBACK_PROCESSES), so that together
 * they stay within the account's limit; the outage is logged once, and its end once. Redis is
 * tried again at most every RETRY_REDIS_AFTER_MS.
 */
export function createRedisPaces(options: {
  /** A fail-fast connection (failFastRedisOptions), owned by the caller. */
  redis: Redis;
  keyPrefix: string;
  fallbackProcesses: number;
  logger: Logger;
  now?: () => number;
}): Paces {
  const { redis, logger } = options;
  requireFailFast(redis, 'the Redis paces');
  redis.defineCommand(COMMAND, { numberOfKeys: 1, lua: RESERVE_LUA });
  const reserveInRedis = (redis as unknown as Record<typeof COMMAND, ReserveCommand>)[COMMAND].bind(
    redis,
  );
  const now = options.now ?? (() => performance.now());
  let outage: { retryAt: number } | undefined;
  // One wait for the connection, however many callers ask at once.
  let connecting: Promise<void> | undefined;
  const ready = () =>
    redis.status === 'ready'
      ? Promise.resolve()
      : (connecting ??= untilReady(redis).finally(() => (connecting = undefined)));
  const limiters = new Map<string, PaceLimiter>();

  const create = (pace: Pace): PaceLimiter => {
    const key = redisPaceKey(options.keyPrefix, pace.name);
    // Whole µs, rounded up: never faster than the configured rate.
    const intervalUs = Math.ceil(1_000_000 / pace.perSecond);
    const allowanceUs = (Math.max(1, pace.burst) - 1) * intervalUs;
    const local = createRateLimiter({
      perSecond: pace.perSecond / Math.max(1, options.fallbackProcesses),
      burst: 1,
      now,
    });
    const reserve = async (): Promise<PaceReservation> => {
      if (outage !== undefined && now() < outage.retryAt) return local.reserve();
      try {
        await ready();
        const reply = await reserveInRedis(key, String(intervalUs), String(allowanceUs));
        const [at, sendAt] = microseconds(reply);
        if (outage !== undefined) {
          outage = undefined;
          logger.info('paces: Redis answers again; REST paces are account-wide again');
        }
        return { waitMs: (sendAt - at) / 1000, at: sendAt / 1000 };
      } catch (error) {
        if (outage === undefined) {
          logger.warn(
            { err: error, fallbackProcesses: options.fallbackProcesses },
            'paces: Redis unreachable; each process paces itself at the rate divided by REST_PACE_FALLBACK_PROCESSES until it is back',
          );
        }
        outage = { retryAt: now() + RETRY_REDIS_AFTER_MS };
        return local.reserve();
      }
    };
    return { reserve, take: takeBy(reserve) };
  };

  return {
    limiter(pace) {
      let limiter = limiters.get(pace.name);
      if (limiter === undefined) {
        limiter = create(pace);
        limiters.set(pace.name, limiter);
      }
      return limiter;
    },
  };
}

function microseconds(reply: unknown): [number, number] {
  if (
    Array.isArray(reply) &&
    reply.length === 2 &&
    reply.every((n) => typeof n === 'number' && Number.isFinite(n))
  ) {
    return [reply[0] as number, reply[1] as number];
  }
  throw new Error(`paces: unexpected reply from Redis: ${JSON.stringify(reply)}`);
}
