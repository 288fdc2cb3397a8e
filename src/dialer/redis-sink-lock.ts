import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { SinkLock } from './sink-lock.js';

const RELEASE_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

/** Every process of the deployment: SET NX PX with a token only its holder can delete. */
export function createRedisSinkLock(redis: Redis, keyPrefix: string): SinkLock {
  const key = `${keyPrefix}event-streams:sink:lock`;
  return {
    async acquire(ttlMs) {
      const token = randomBytes(12).toString('hex');
      if ((await redis.set(key, token, 'PX', ttlMs, 'NX')) !== 'OK') return undefined;
      return async () => {
        await redis.eval(RELEASE_LUA, 1, key, token);
      };
    },
  };
}
