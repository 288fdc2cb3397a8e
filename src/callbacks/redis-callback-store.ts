import type { Redis } from 'ioredis';
import { parseJson } from '../lib/parse-json.js';
import { requireFailFast, untilReady } from '../redis/client-options.js';
import {
  byPlace,
  HOLDS_PLACE,
  callbackIdOf,
  matches,
  movedCallback,
  newCallback,
  type Callback,
  type CallbackFilter,
  type CallbackMove,
  type CallbackState,
  type CallbackStore,
  type NewCallback,
} from './callback.js';
import { callbackSchema } from './callback-schema.js';

/** A new callback (it holds a place) in the hash and the index, or neither when it exists. */
const CREATE_LUA = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('SADD', KEYS[2], ARGV[1])
return 1
`;

/**
 * Replaces a record only if it is still exactly what the caller read (a compare-and-set), and
 * keeps the index of those holding a place in step (ARGV[4] '1': it still holds one).
 */
const REPLACE_IF_SAME_LUA = `
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
if ARGV[4] == '1' then redis.call('SADD', KEYS[2], ARGV[1]) else redis.call('SREM', KEYS[2], ARGV[1]) end
return 1
`;

/** Another process moving the same callback at the same moment: read again, this many times. */
const MOVE_TRIES = 5;

/**
 * The callbacks every process shares: `{prefix}callbacks`, a hash of id → the record as JSON,
 * and `{prefix}callbacks:holding`, the set of the ids still holding a place. A request is an
 * HSETNX (the id comes from the caller's CallSid, so a repeat finds the first); a move replaces
 * the JSON it read, by a script that compares it first; both keep the set in the same step.
 */
export class RedisCallbackStore implements CallbackStore {
  private readonly key: string;
  private readonly holdingKey: string;

  constructor(
    private readonly redis: Redis,
    keyPrefix: string,
  ) {
    requireFailFast(redis, 'the Redis callback store');
    this.key = `${keyPrefix}callbacks`;
    this.holdingKey = `${keyPrefix}callbacks:holding`;
  }

  async request(input: NewCallback): Promise<{ callback: Callback; created: boolean }> {
    const callback = newCallback(input);
    await untilReady(this.redis);
    const created =
      (await this.redis.eval(
        CREATE_LUA,
        2,
        this.key,
        this.holdingKey,
        callback.id,
        JSON.stringify(callback),
      )) === 1;
    if (created) return { callback, created };
    const existing = await this.get(callbackIdOf(input.callerCallSid));
    if (existing === undefined) throw new Error(`callback ${callback.id} cannot be read`);
    return { callback: existing, created: false };
  }

  async get(id: string): Promise<Callback | undefined> {
    await untilReady(this.redis);
    const json = await this.redis.hget(this.key, id);
    return json === null ? undefined : read(json);
  }

  async list(filter?: CallbackFilter): Promise<readonly Callback[]> {
    await untilReady(this.redis);
    const all = await this.redis.hvals(this.key);
    return all
      .map(read)
      .filter((c): c is Callback => c !== undefined && matches(c, filter))
      .sort(byPlace);
  }

  async holdingPlace(queue?: string): Promise<readonly Callback[]> {
    await untilReady(this.redis);
    const ids = await this.redis.smembers(this.holdingKey);
    if (ids.length === 0) return [];
    const all = await this.redis.hmget(this.key, ...ids);
    return all
      .map((json) => (json === null ? undefined : read(json)))
      .filter((c): c is Callback => c !== undefined && matches(c, { queue }))
      .sort(byPlace);
  }

  async move(
    id: string,
    from: readonly CallbackState[],
    move: CallbackMove,
  ): Promise<Callback | undefined> {
    for (let tries = 0; tries < MOVE_TRIES; tries += 1) {
      await untilReady(this.redis);
      const json = await this.redis.hget(this.key, id);
      const current = json === null ? undefined : read(json);
      if (json === null || current === undefined || !from.includes(current.state)) return undefined;
      const moved = movedCallback(current, move);
      const replaced = await this.redis.eval(
        REPLACE_IF_SAME_LUA,
        2,
        this.key,
        this.holdingKey,
        id,
        json,
        JSON.stringify(moved),
        HOLDS_PLACE.includes(moved.state) ? '1' : '0',
      );
      if (replaced === 1) return moved;
    }
    throw new Error(`callback ${id} kept changing under a move`);
  }

  close(): Promise<void> {
    // The connection is the backend's to close.
    return Promise.resolve();
  }
}

/** A value another version wrote, or damaged, is left out rather than failing every read. */
function read(json: string): Callback | undefined {
  const parsed = parseJson(callbackSchema, json);
  return parsed.ok ? parsed.value : undefined;
}
