import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { requireFailFast, untilReady } from '../redis/client-options.js';
import { LockLostError, type WriteFence } from '../redis/write-fence.js';
import { byName } from './metadata-entries.js';
import type { MetadataStore, VersionedMetadata } from './metadata-store.js';
import { parseJson } from '../lib/parse-json.js';
import { storedMetadataSchema } from './metadata-validation.js';
import type { QueueMetadata } from './queue-metadata.js';
import { GET_LUA, RECONCILE_LUA, UPDATE_LUA } from './redis-metadata-scripts.js';

export interface RedisMetadataStoreOptions {
  /** A fail-fast connection (failFastRedisOptions), owned by the caller. */
  readonly redis: Redis;
  /** e.g. 'holdline:'. */
  readonly keyPrefix: string;
  readonly logger: Logger;
  /** Given: reconcile changes the hashes only while this process holds the poller lock. */
  readonly writeFence?: WriteFence;
}

/** One hash: queue name -> metadata JSON, so a queue's settings can grow without a migration. */
export function redisMetadataKey(keyPrefix: string): string {
  return `${keyPrefix}metadata:queues`;
}

/**
 * A second hash: queue name -> version. Apart from the metadata so that entries written before
 * versions existed (`{"displayName": ...}` only) stay valid as they are: a missing version is 1.
 */
export function redisMetadataVersionsKey(keyPrefix: string): string {
  return `${keyPrefix}metadata:versions`;
}

/**
 * Queue metadata shared by every process. reconcile() and update() are one Lua script each, so
 * two pollers (say, around a leader hand-over) reconciling at once cannot lose each other's
 * entries, and of two supervisors saving the same version exactly one wins. Defaults are
 * computed here, in JavaScript, and only for queues the store does not have.
 */
export function createRedisMetadataStore(options: RedisMetadataStoreOptions): MetadataStore {
  const { redis, logger } = options;
  requireFailFast(redis, 'the Redis metadata store');
  const key = redisMetadataKey(options.keyPrefix);
  const versionsKey = redisMetadataVersionsKey(options.keyPrefix);
  // What was logged as malformed, by queue: the metadata JSON, and the version.
  const reported = new Map<string, string>();
  const reportedVersions = new Map<string, string>();
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

  /**
   * Read through readStoredMetadata: what an older version stored takes defaults for what it
   * lacks. A malformed entry is left in place (reconcile keeps what exists), treated as absent
   * and logged once.
   */
  /**
   * The last value decoded per queue, by its text: every web process lists the hash every
   * couple of seconds, and an unchanged entry then costs neither a parse nor a new object (the
   * call path remembers work per metadata object).
   */
  const decoded = new Map<string, { text: string; metadata: QueueMetadata }>();

  function decode(name: string, text: string): QueueMetadata | undefined {
    const last = decoded.get(name);
    if (last?.text === text) return last.metadata;
    const metadata = decodeAfresh(name, text);
    if (metadata === undefined) decoded.delete(name);
    else decoded.set(name, { text, metadata });
    return metadata;
  }

  function decodeAfresh(name: string, text: string): QueueMetadata | undefined {
    const parsed = parseStored(name, text);
    return parsed.ok
      ? accepted(reported, name, parsed.value)
      : malformed(reported, key, name, text, parsed.problem);
  }

  function decodeVersioned(
    name: string,
    text: string,
    versionText: string | null,
  ): VersionedMetadata | undefined {
    const version = versionText === null ? 1 : Number(versionText);
    if (!Number.isSafeInteger(version) || version < 1) {
      const problem = `version ${JSON.stringify(versionText)} is not a whole number from 1`;
      return malformed(reportedVersions, versionsKey, name, String(versionText), problem);
    }
    const metadata = decode(name, text);
    return metadata === undefined
      ? undefined
      : { metadata, version: accepted(reportedVersions, name, version) };
  }

  function accepted<T>(seen: Map<string, string>, name: string, value: T): T {
    seen.delete(name);
    return value;
  }

  /** Logs each malformed value once (until it changes), not at every read. */
  function malformed(
    seen: Map<string, string>,
    hash: string,
    name: string,
    stored: string,
    problem: string,
  ): undefined {
    if (seen.get(name) !== stored) {
      seen.set(name, stored);
      logger.error(
        { key: hash, queue: name, problem },
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
      for (const name of decoded.keys()) if (!stored.has(name)) decoded.delete(name);
      return decodeAll(stored, [...stored.keys()].sort(byName));
    },

    async get(name) {
      await untilReady(redis);
      const [text, version] = asNullablePair(await redis.eval(GET_LUA, 2, key, versionsKey, name));
      return text === null ? undefined : decodeVersioned(name, text, version);
    },

    async update(name, metadata, expectedVersion) {
      await untilReady(redis);
      const reply = asStrings(
        await redis.eval(
          UPDATE_LUA,
          2,
          key,
          versionsKey,
          name,
          JSON.stringify(metadata),
          String(expectedVersion),
        ),
      );
      const [kind, first, second] = reply;
      if (kind === 'not-found') return { kind: 'not-found' };
      if (kind === 'saved' && first !== undefined) return { kind: 'saved', version: Number(first) };
      if (kind === 'conflict' && first !== undefined && second !== undefined) {
        const current = decodeVersioned(name, first, second);
        // What is there cannot be read (logged): to this process the queue has no metadata.
        return current === undefined ? { kind: 'not-found' } : { kind: 'conflict', current };
      }
      throw unexpected(reply);
    },

    async reconcile(queueNames, defaults) {
      const names = [...new Set(queueNames)];
      const given = new Map<string, string>();
      await untilReady(redis);
      // Ends: every round gives a default to at least one more of a fixed list of names.
      for (;;) {
        const input = JSON.stringify({ names, defaults: Object.fromEntries(given) });
        const [done, items] = asReconcileReply(
          await redis.eval(
            RECONCILE_LUA,
            3,
            key,
            versionsKey,
            fence?.lockKey ?? '',
            input,
            fenceToken(),
          ),
        );
        if (done === -1) throw new LockLostError(fence?.lockKey ?? '');
        if (done === 1) return decodeAll(pairsOf(items), names);
        for (const name of items) given.set(name, JSON.stringify(defaults(name)));
      }
    },
  };
}

/** A stored entry through the same JSON reading as every stored snapshot, named by its queue. */
function parseStored(name: string, text: string) {
  return parseJson(storedMetadataSchema(name), text);
}

function unexpected(reply: unknown): Error {
  return new Error(`metadata store: unexpected reply from Redis: ${JSON.stringify(reply)}`);
}

function asReconcileReply(reply: unknown): [number, string[]] {
  if (Array.isArray(reply) && typeof reply[0] === 'number' && Array.isArray(reply[1])) {
    return [reply[0], (reply[1] as unknown[]).map(String)];
  }
  throw unexpected(reply);
}

function asStrings(reply: unknown): string[] {
  if (Array.isArray(reply) && reply.every((item) => typeof item === 'string')) return reply;
  throw unexpected(reply);
}

function asNullablePair(reply: unknown): [string | null, string | null] {
  const ok = (item: unknown): item is string | null => item === null || typeof item === 'string';
  if (Array.isArray(reply) && reply.length === 2 && ok(reply[0]) && ok(reply[1])) {
    return [reply[0], reply[1]];
  }
  throw unexpected(reply);
}

function pairsOf(flat: readonly string[]): Map<string, string> {
  const pairs = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) pairs.set(flat[i] as string, flat[i + 1] as string);
  return pairs;
}
