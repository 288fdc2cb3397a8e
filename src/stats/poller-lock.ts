import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import {
  runForLeadership,
  type LeadershipHandlers,
  type LeadershipLock,
} from './poller-leadership.js';
import { requireFailFast, untilReady } from '../redis/client-options.js';
import type { OutageMetrics } from '../redis/outage-log.js';

export interface LeaderLockOptions {
  /** A fail-fast connection (failFastRedisOptions), owned by the caller. */
  readonly redis: Redis;
  /** e.g. 'holdline:poller:lock'. */
  readonly key: string;
  /** How long the lock outlives its holder's last renewal. */
  readonly ttlMs: number;
  /** Renewal (and, while not leader, acquisition) period; well under ttlMs. */
  readonly renewIntervalMs: number;
  readonly logger: Logger;
  /** Counts the lock's Redis outages. */
  readonly metrics?: OutageMetrics;
  /**
   * A fixed lock value. By default every term gets a new one (`host/pid/uuid`), so a write
   * delayed from an earlier term never passes the fence of a later one; a fixed token gives up
   * that protection and is meant for tests and tools.
   */
  readonly token?: string;
  /** Monotonic milliseconds for the hold's own reckoning; performance.now() by default. */
  readonly now?: () => number;
}

export interface LeaderLock extends LeadershipLock {
  /** Competes for the lock until `signal` aborts, then releases it. See poller-leadership.ts. */
  runForLeadership(handlers: LeadershipHandlers): Promise<void>;
}

/** Only ours: compare-and-extend, compare-and-delete, in one step each. */
const ACQUIRE_LUA = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`;
const RENEW_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`;
const RELEASE_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

/**
 * A Redis lock that elects one leader (the one stats poller). The expiry lives in Redis; this
 * process measures its own hold only with its monotonic clock, from when a renewal was sent, so
 * it gives up no later than Redis does and no wall clock is compared across hosts.
 */
export function createLeaderLock(options: LeaderLockOptions): LeaderLock {
  const { redis, key, ttlMs, renewIntervalMs } = options;
  requireFailFast(redis, 'the leader lock');
  if (!(Number.isInteger(ttlMs) && ttlMs > 0)) throw new Error('leader lock: ttlMs must be > 0');
  if (!(renewIntervalMs > 0 && renewIntervalMs < ttlMs)) {
    throw new Error('leader lock: renewIntervalMs must be > 0 and shorter than ttlMs');
  }
  const now = options.now ?? (() => performance.now());
  const newToken = () => options.token ?? `${hostname()}/${process.pid}/${randomUUID()}`;
  // Kept across failed attempts: an acquisition whose answer was lost is ours to adopt.
  let candidate = newToken();
  let held: { token: string; validUntil: number } | undefined;

  function endTerm(): void {
    held = undefined;
    candidate = newToken();
  }

  const lock: LeaderLock = {
    key,

    async acquire() {
      if (held !== undefined && now() >= held.validUntil) endTerm();
      const token = held?.token ?? candidate;
      await untilReady(redis);
      const sentAt = now();
      const ok = (await redis.eval(ACQUIRE_LUA, 1, key, token, ttlMs)) === 1;
      if (ok) held = { token, validUntil: sentAt + ttlMs };
      else if (held?.token === token) endTerm();
      return ok;
    },

    async renew() {
      const current = held;
      if (current === undefined) return false;
      if (now() >= current.validUntil) {
        endTerm();
        return false;
      }
      await untilReady(redis);
      const sentAt = now();
      const ok = (await redis.eval(RENEW_LUA, 1, key, current.token, ttlMs)) === 1;
      if (held !== current) return false;
      if (ok && now() < current.validUntil) {
        current.validUntil = sentAt + ttlMs;
        return true;
      }
      // Lost, or the answer came after our hold had run out and we had said so: the term is
      // over either way; a renewal that got through is undone so others need not wait a ttl.
      endTerm();
      if (ok) redis.eval(RELEASE_LUA, 1, key, current.token).catch(() => undefined);
      return false;
    },

    async release() {
      const token = held?.token ?? candidate;
      endTerm();
      await untilReady(redis);
      await redis.eval(RELEASE_LUA, 1, key, token);
    },

    token: () => (held !== undefined && now() < held.validUntil ? held.token : undefined),

    remainingMs: () => (held === undefined ? 0 : Math.max(0, held.validUntil - now())),

    runForLeadership: (handlers) =>
      runForLeadership(
        lock,
        {
          logger: options.logger,
          renewIntervalMs,
          ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
        },
        handlers,
      ),
  };
  return lock;
}
