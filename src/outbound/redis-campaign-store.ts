import type { Redis } from 'ioredis';
import { requireFailFast, untilReady } from '../redis/client-options.js';
import type { Attempt, AttemptState } from './attempt.js';
import type { CampaignExecution, CampaignStatus } from './campaign.js';
import type {
  AttemptEnd,
  AttemptPatch,
  CampaignRecord,
  CampaignStore,
  PacingState,
} from './campaign-store.js';
import type { Contact } from './contact.js';
import type { Disposition, QueueEvent } from './disposition.js';
import { hourOf, type OutcomeCounts } from './outcome-hours.js';
import {
  DEFAULT_REDIS_CAMPAIGN_NAMES,
  redisCampaignKeys,
  redisCampaignSharedKeys,
  scriptKeys,
  type RedisCampaignNames,
} from './redis-campaign-keys.js';
import {
  executionJson,
  parseContact,
  parseExecution,
  UnreadableCampaignKey,
} from './redis-campaign-execution.js';
import {
  ACTIVE_LUA,
  ADVANCE_LUA,
  CLAIM_LUA,
  COMPLETE_IF_DONE_LUA,
  CREATE_LUA,
  END_LUA,
  OUTCOMES_SINCE_LUA,
  RECORD_LUA,
  RELEASE_LUA,
  SET_PACING_STATE_LUA,
  SET_STATUS_LUA,
} from './redis-campaign-scripts.js';
import { readStream } from './redis-stream-reader.js';

export interface RedisCampaignStoreOptions {
  /** A fail-fast connection (failFastRedisOptions), owned by the caller. */
  readonly redis: Redis;
  /** Put before every key and stream name; default ''. */
  readonly keyPrefix?: string;
  /** The original design's names, any of them renamed. */
  readonly names?: Partial<RedisCampaignNames>;
}

/**
 * Outbound state shared by every process: each change is one Lua script (redis-campaign-scripts.ts)
 * doing what CampaignBook does, so two processes claiming at once never take one contact, an
 * attempt moves by compare-and-set, and its disposition is published once, in the step that ends
 * it. Reads are single commands or read-only scripts. Keys of one prefix live on one Redis.
 */
export class RedisCampaignStore implements CampaignStore {
  private readonly redis: Redis;
  private readonly keyPrefix: string;
  private readonly names: RedisCampaignNames;
  private readonly shared: ReturnType<typeof redisCampaignSharedKeys>;

  constructor(options: RedisCampaignStoreOptions) {
    requireFailFast(options.redis, 'the Redis campaign store');
    this.redis = options.redis;
    this.keyPrefix = options.keyPrefix ?? '';
    this.names = { ...DEFAULT_REDIS_CAMPAIGN_NAMES, ...options.names };
    this.shared = redisCampaignSharedKeys(this.keyPrefix, this.names);
  }

  async create(execution: CampaignExecution, contacts: readonly Contact[]): Promise<boolean> {
    const pairs = contacts.flatMap((contact) => [contact.id, JSON.stringify(contact)]);
    return (
      (await this.run(
        CREATE_LUA,
        execution.id,
        execution.id,
        JSON.stringify(execution),
        ...pairs,
      )) === 1
    );
  }

  async get(id: string): Promise<CampaignRecord | undefined> {
    const reply = (await this.run(RECORD_LUA, id)) as RecordReply | null;
    if (reply === null) return undefined;
    const [type, plain, status, total, remaining, active, ...rest] = reply;
    const [dialed, answered, connected, abandoned, machine, failed, finished, pacing] = rest;
    const key = this.keys(id).execution;
    const json = await executionJson(this.redis, key, type, plain);
    if (json === undefined) throw new UnreadableCampaignKey(key, `a ${type} is no execution`);
    return {
      execution: parseExecution(key, id, json),
      status: status as CampaignStatus,
      counts: {
        total,
        remaining,
        dialed,
        active,
        answered,
        connected,
        abandoned,
        machine,
        failed,
        finished,
      },
      ...(typeof pacing === 'string' ? { pacingState: JSON.parse(pacing) as PacingState } : {}),
    };
  }

  async list(): Promise<readonly CampaignRecord[]> {
    await this.ready();
    const ids = await this.redis.smembers(this.shared.executions);
    const records = await Promise.all(ids.map((id) => this.get(id)));
    return records
      .filter((record) => record !== undefined)
      .sort(
        (a, b) =>
          a.execution.createdAt - b.execution.createdAt ||
          (a.execution.id < b.execution.id ? -1 : 1),
      );
  }

  async contact(campaignId: string, contactId: string): Promise<Contact | undefined> {
    await this.ready();
    const key = this.keys(campaignId).contacts;
    const json = await this.redis.hget(key, contactId);
    return json === null ? undefined : parseContact(key, contactId, json);
  }

  async setStatus(
    id: string,
    from: readonly CampaignStatus[],
    to: CampaignStatus,
    event: QueueEvent | undefined,
  ): Promise<boolean> {
    const moved = await this.run(
      SET_STATUS_LUA,
      id,
      id,
      JSON.stringify(from),
      to,
      event?.event ?? '',
      event === undefined ? '' : String(event.at),
    );
    return moved === 1;
  }

  async claim(id: string, max: number, now: number): Promise<readonly Attempt[]> {
    // As many as the book takes: it counts up to `max`, so 2.5 takes 3 and Infinity takes all.
    const count = Number.isNaN(max) ? 0 : Math.min(Math.ceil(max), Number.MAX_SAFE_INTEGER);
    const claimed = (await this.run(CLAIM_LUA, id, id, String(count), String(now))) as string[];
    return claimed.map(parseAttempt);
  }

  async attempt(campaignId: string, attemptId: string): Promise<Attempt | undefined> {
    await this.ready();
    const json = await this.redis.hget(this.keys(campaignId).attempts, attemptId);
    return json === null ? undefined : parseAttempt(json);
  }

  async active(campaignId: string): Promise<readonly Attempt[]> {
    return ((await this.run(ACTIVE_LUA, campaignId)) as string[]).map(parseAttempt);
  }

  async advance(
    campaignId: string,
    attemptId: string,
    from: readonly AttemptState[],
    patch: AttemptPatch,
  ): Promise<Attempt | undefined> {
    const moved = (await this.run(
      ADVANCE_LUA,
      campaignId,
      attemptId,
      JSON.stringify(from),
      JSON.stringify(patch), // undefined fields are left out
    )) as string | null;
    return moved === null ? undefined : parseAttempt(moved);
  }

  async release(
    campaignId: string,
    attemptId: string,
    from: readonly AttemptState[],
    dueAt: number,
  ): Promise<boolean> {
    const released = await this.run(
      RELEASE_LUA,
      campaignId,
      attemptId,
      JSON.stringify(from),
      String(dueAt),
    );
    return released === 1;
  }

  async end(
    campaignId: string,
    attemptId: string,
    end: AttemptEnd,
  ): Promise<Disposition | undefined> {
    const disposition = (await this.run(
      END_LUA,
      campaignId,
      campaignId,
      attemptId,
      JSON.stringify(end),
      end.retryAt === undefined ? '' : String(end.retryAt),
    )) as string | null;
    return disposition === null ? undefined : (JSON.parse(disposition) as Disposition);
  }

  async completeIfDone(id: string, at: number): Promise<boolean> {
    return (await this.run(COMPLETE_IF_DONE_LUA, id, id, String(at))) === 1;
  }

  async outcomesSince(campaignId: string, since: number): Promise<OutcomeCounts> {
    const reply = (await this.run(OUTCOMES_SINCE_LUA, campaignId, String(hourOf(since)))) as [
      number,
      number,
      number,
    ];
    const [connected, abandoned, machine] = reply;
    return { connected, abandoned, machine };
  }

  async setPacingState(campaignId: string, state: PacingState): Promise<void> {
    await this.run(SET_PACING_STATE_LUA, campaignId, JSON.stringify(state));
  }

  async attemptOfCall(campaignId: string, callSid: string): Promise<string | undefined> {
    await this.ready();
    return (await this.redis.hget(this.keys(campaignId).calls, callSid)) ?? undefined;
  }

  async dispositions(campaignId: string): Promise<readonly Disposition[]> {
    await this.ready();
    const entries = await readStream(this.redis, this.shared.dispositions);
    return entries
      .filter((fields) => fields.campaign === campaignId && fields.json !== undefined)
      .map((fields) => JSON.parse(fields.json!) as Disposition);
  }

  async queueEvents(campaignId: string): Promise<readonly QueueEvent[]> {
    await this.ready();
    const entries = await readStream(this.redis, this.shared.queueEvents);
    return entries
      .filter((fields) => fields.campaign === campaignId)
      .map((fields) => ({
        campaignId,
        event: fields.event as QueueEvent['event'],
        at: Number(fields.at),
      }));
  }

  /** The connection is the caller's: it closes it. */
  close(): Promise<void> {
    return Promise.resolve();
  }

  private keys(id: string) {
    return redisCampaignKeys(this.keyPrefix, this.names, id);
  }

  private ready(): Promise<void> {
    return untilReady(this.redis);
  }

  /** Runs a script on execution `id`'s keys (every script takes the same) with its own ARGV. */
  private async run(script: string, id: string, ...argv: string[]): Promise<unknown> {
    await this.ready();
    const keys = scriptKeys(this.keys(id), this.shared);
    return this.redis.eval(script, keys.length, ...keys, ...argv);
  }
}

/**
 * RECORD_LUA's reply: type, plain value, status, total, remaining, active, the seven counts,
 * then the pacing state's JSON (null when none).
 */
type RecordReply = [
  string,
  string | null,
  string,
  ...[number, number, number, number, number, number, number, number, number, number],
  string | null,
];

/** An attempt as the scripts wrote it (cjson leaves out what is absent). */
function parseAttempt(json: string): Attempt {
  return JSON.parse(json) as Attempt;
}
