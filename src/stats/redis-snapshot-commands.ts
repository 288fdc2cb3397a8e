import type { Redis } from 'ioredis';
import { LockLostError, type WriteFence } from '../redis/write-fence.js';
import {
  READ_SNAPSHOT_LUA,
  WRITE_SNAPSHOT_LUA,
  type redisStatsKeys,
} from './redis-snapshot-format.js';

/*
 * The stats store's two round trips to Redis: the scripts of redis-snapshot-format.ts called
 * with their keys and arguments, and the write's reply checked. No state: what the store holds
 * stays in the store. The caller waits for the connection first (untilReady), so what it passes
 * is what it holds once Redis is there.
 */

type StatsKeys = ReturnType<typeof redisStatsKeys>;

/** READ_SNAPSHOT_LUA's raw reply, for decodeReadReply; `heldRevision` spares the snapshot. */
export async function evalReadSnapshot(
  redis: Redis,
  keys: StatsKeys,
  heldRevision: number | undefined,
): Promise<unknown> {
  return redis.eval(
    READ_SNAPSHOT_LUA,
    1,
    keys.snapshot,
    heldRevision === undefined ? '' : String(heldRevision),
  );
}

/**
 * Stores and announces the snapshot (JSON) in one step; resolves with its revision. Fenced:
 * rejects with LockLostError when this process does not hold the poller lock, before the write
 * or inside it.
 */
export async function evalWriteSnapshot(
  redis: Redis,
  keys: StatsKeys,
  json: string,
  fence: WriteFence | undefined,
): Promise<number> {
  let reply: unknown;
  if (fence === undefined) {
    reply = await redis.eval(WRITE_SNAPSHOT_LUA, 1, keys.snapshot, json, keys.channel);
  } else {
    const token = fence.token();
    if (token === undefined) throw new LockLostError(fence.lockKey);
    reply = await redis.eval(
      WRITE_SNAPSHOT_LUA,
      2,
      keys.snapshot,
      fence.lockKey,
      json,
      keys.channel,
      token,
    );
  }
  if (reply === -1 && fence !== undefined) throw new LockLostError(fence.lockKey);
  const revision = Number(reply);
  if (!Number.isSafeInteger(revision) || revision <= 0) {
    throw new Error(`stats store: unexpected reply to a write: ${JSON.stringify(reply)}`);
  }
  return revision;
}
