import { createHash } from 'node:crypto';
import type { StatsSnapshot } from './queue-stats.js';
import { parseJson } from '../lib/parse-json.js';
import { statsSnapshotSchema } from './snapshot-schema.js';

/** Where the Redis stats store keeps the snapshot and announces a new one. */
export function redisStatsKeys(keyPrefix: string): { snapshot: string; channel: string } {
  return { snapshot: `${keyPrefix}stats:snapshot`, channel: `${keyPrefix}stats:changed` };
}

/**
 * Stores a snapshot and announces it, in one step. KEYS[1] the snapshot hash, KEYS[2] (fenced
 * writes only) the poller lock; ARGV[1] the snapshot JSON, ARGV[2] the channel, ARGV[3] the lock
 * token. Returns the new revision, or -1 when the lock no longer holds the token.
 *
 * The revision orders snapshots for readers. It comes from Redis's own clock (one clock, not the
 * pollers' clocks, which may disagree after a hand-over), forced past the previous revision so
 * it always grows, even across a Redis restart or a failover to a host whose clock is behind.
 */
export const WRITE_SNAPSHOT_LUA = `
if #KEYS == 2 and redis.call('GET', KEYS[2]) ~= ARGV[3] then
  return -1
end
local time = redis.call('TIME')
local revision = tonumber(time[1]) * 1000000 + tonumber(time[2])
local previous = tonumber(redis.call('HGET', KEYS[1], 'revision'))
if previous ~= nil and previous >= revision then
  revision = previous + 1
end
redis.call('HSET', KEYS[1], 'revision', string.format('%.0f', revision), 'snapshot', ARGV[1])
redis.call('PUBLISH', ARGV[2], string.format('%.0f', revision))
return revision
`;

/**
 * Reads the snapshot, or only its revision when that is the one the reader already holds (the
 * timer asks every few seconds; the snapshot of a large contact center is not small). KEYS[1]
 * the snapshot hash; ARGV[1] the revision held ('' for none). Returns [revision, snapshot?].
 */
export const READ_SNAPSHOT_LUA = `
local revision = redis.call('HGET', KEYS[1], 'revision')
if revision and revision == ARGV[1] then
  return { revision }
end
return { revision, redis.call('HGET', KEYS[1], 'snapshot') }
`;

export type ReadResult =
  | { readonly kind: 'empty' }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'snapshot'; readonly revision: number; readonly snapshot: StatsSnapshot }
  | { readonly kind: 'malformed'; readonly problem: string; readonly fingerprint: string };

/** Makes sense of READ_SNAPSHOT_LUA's reply. */
export function decodeReadReply(reply: unknown): ReadResult {
  const [revisionText, json] = Array.isArray(reply) ? (reply as unknown[]) : [];
  if (revisionText == null && json == null) return { kind: 'empty' };
  if (json === undefined) return { kind: 'unchanged' };
  const malformed = (problem: string): ReadResult => ({
    kind: 'malformed',
    problem,
    // Identifies the value without keeping it: it is logged once, however often it is read.
    fingerprint: createHash('sha1')
      .update(JSON.stringify([revisionText, json]))
      .digest('hex'),
  });
  const revision = Number(revisionText);
  if (typeof revisionText !== 'string' || !Number.isSafeInteger(revision) || revision <= 0) {
    return malformed(`bad revision ${JSON.stringify(revisionText)}`);
  }
  if (typeof json !== 'string') return malformed('no snapshot field');
  const parsed = parseJson(statsSnapshotSchema, json);
  return parsed.ok
    ? { kind: 'snapshot', revision, snapshot: parsed.value }
    : malformed(parsed.problem);
}
