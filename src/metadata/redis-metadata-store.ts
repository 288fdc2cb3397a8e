import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { QueueMetadata } from '../stats/queue-stats.js';
import { requireFailFast, untilReady } from '../stats/redis-client-options.js';
import { parseJson, queueMetadataSchema } from '../stats/snapshot-schema.js';
import { LockLostError, type WriteFence } from '../stats/write-fence.js';
import { byName } from './memory-metadata-store.js';
import type { MetadataStore } from './metadata-store.js';

export interface RedisMetadataStoreOptions {
  /** A fail-fast connection (failFastRedisOptions), owned by the caller. */
  readonly redis: Redis;
  /** e.g. 'holdline:'. */
  readonly keyPrefix: string;
  readonly logger: Logger;
  /** Given: reconcile changes the hash only while this process holds the poller lock. */
  readonly writeFence?: WriteFence;
}

/** One hash: queue name -> metadata JSON, so a queue's settings can grow without a migration. */
export function redisMetadataKey(keyPrefix: string): string {
  return `${keyPrefix}metadata:queues`;
}

/**
 * KEYS[1] the hash, KEYS[2] the poller lock ('' = unfenced); ARGV[1] JSON {names: [...],
 * defaults: {name: metadataJson}}, ARGV[2] the lock token. When the lock holds another token,
 * changes nothing and returns {-1, {}}. A listed queue
 * that is neither stored nor given a default makes the script change nothing and return
 * {0, those names}: the caller computes their defaults and calls again. Otherwise adds the
 * defaults of missing queues, deletes unlisted ones and returns {1, HGETALL}.
 */
const RECONCILE_LUA = `
if KEYS[2] ~= '' and redis.call('GET', KEYS[2]) ~= ARGV[2] then return { -1, {} } end
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
  if input.defaults[name] ~= nil then redis.call('HSETNX', KEYS[1], name, input.defaults[name]) end
end
for _, name in ipairs(redis.call('HKEYS', KEYS[1])) do
  if not wanted[name] then redis.call('HDEL', KEYS[1], name) end
end
return { 1, redis.call('HGETALL', KEYS[1]) }
`;

/**
 * Queue metadata shared by every process. reconcile() is one Lua script, so two pollers (say,
 * around a leader hand-over) reconciling at once cannot lose each other's entries; defaults are
 * computed here, in JavaScript, and only for queues the store does not have.
 */
export function createRedisMetadataStore(options: RedisMetadataStoreOptions): MetadataStore {
  const { redis, logger } = options;
  requireFailFast(redis, 'the Redis metadata store');
  const key = redisMetadataKey(options.keyPrefix);
  const reported = new Map<string, string>();
  const fence = options.writeFence;
  /**
   * The token to check in Redis; throws when the lock is known lost here already. Like the
   * snapshot write: a poller that paused past its term must not add or drop queues' metadata
   * on the strength of a listing its successor has since replaced.
   */
  const fenceToken = (): string => {
    if (fence === undefined) return '';
    const token = fence.token();
    if (token === undefined) throw new LockLostError(fence.lockKey);
    return token;
  };

  /** A malformed entry is left in place (reconcile keeps what exists) and logged once. */
  function decode(name: string, text: string): QueueMetadata | undefined {
    const parsed = parseJson(queueMetadataSchema, text);
    if (parsed.ok) {
      reported.delete(name);
      return parsed.value;
    }
    if (reported.get(name) !== text) {
      reported.set(name, text);
      logger.error(
        { key, queue: name, problem: parsed.problem },
        'metadata store: malformed metadata in Redis ignored',
      );
    }
    return undefined;
  }

  function decodeAll(
    stored: ReadonlyMap<string, string>,
    names: Iterable<string>,
  ): Map<string, QueueMetadata> {
    const result = new Map<string, QueueMetadata>();
    for (const name of names) {
      const text = stored.get(name);
      const metadata = text === undefined ? undefined : decode(name, text);
      if (metadata !== undefined) result.set(name, metadata);
    }
    return result;
  }

  return {
    async list() {
      await untilReady(redis);
      const stored = new Map(Object.entries(await redis.hgetall(key)));
      return decodeAll(stored, [...stored.keys()].sort(byName));
    },

    async get(name) {
      await untilReady(redis);
      const text = await redis.hget(key, name);
      return text === null ? undefined : decode(name, text);
    },

    async reconcile(queueNames, defaults) {
      const names = [...new Set(queueNames)];
      const given = new Map<string, string>();
      await untilReady(redis);
      // Ends: every round gives a default to at least one more of a fixed list of names.
      for (;;) {
        const input = JSON.stringify({ names, defaults: Object.fromEntries(given) });
        const [done, items] = asReply(
          await redis.eval(RECONCILE_LUA, 2, key, fence?.lockKey ?? '', input, fenceToken()),
        );
        if (done === -1) throw new LockLostError(fence?.lockKey ?? '');
        if (done === 1) return decodeAll(pairsOf(items), names);
        for (const name of items) given.set(name, JSON.stringify(defaults(name)));
      }
    },
  };
}

function asReply(reply: unknown): [number, string[]] {
  if (Array.isArray(reply) && typeof reply[0] === 'number' && Array.isArray(reply[1])) {
    return [reply[0], (reply[1] as unknown[]).map(String)];
  }
  throw new Error(`metadata store: unexpected reply from Redis: ${JSON.stringify(reply)}`);
}

function pairsOf(flat: readonly string[]): Map<string, string> {
  const pairs = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.set(flat[i] as string, flat[i + 1] as string);
  return pairs;
}
