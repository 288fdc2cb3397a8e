import type { Redis } from 'ioredis';
import { RedisCampaignStore } from '../../src/outbound/redis-campaign-store.js';
import {
  executionJson,
  UnreadableCampaignKey,
} from '../../src/outbound/redis-campaign-execution.js';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { describeWithRedis, useRedis } from '../support/redis.js';
import { SETTINGS, T0, contacts, execution } from './campaign-fixtures.js';
import { campaignStoreContract } from './campaign-store.contract.js';
import { campaignWindowContract } from './campaign-window.contract.js';

describeWithRedis('the Redis campaign store', () => {
  const redisForTests = useRedis();
  let admin: Redis;

  beforeAll(() => {
    admin = redisForTests.connect();
  });

  /** A store on a connection of its own: another process, as far as Redis can tell. */
  const openStore = (keyPrefix: string) =>
    new RedisCampaignStore({ redis: redisForTests.connect(failFastRedisOptions()), keyPrefix });

  /** Every key under `prefix` with its TYPE, sorted. */
  async function keysUnder(prefix: string): Promise<string[]> {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    const typed = await Promise.all(
      found.map(async (key) => `${key.slice(prefix.length)} ${await admin.type(key)}`),
    );
    return typed.sort();
  }

  describe('as a CampaignStore (the contract)', () => {
    campaignStoreContract(() => Promise.resolve(openStore(redisForTests.freshPrefix())));
  });

  describe('the window contract', () => {
    campaignWindowContract(() => Promise.resolve(openStore(redisForTests.freshPrefix())));
  });

  it('two processes claiming from one execution at once never share a contact', async () => {
    const prefix = redisForTests.freshPrefix();
    const [one, two] = [openStore(prefix), openStore(prefix)];
    await one.create(execution(), contacts(60));
    await one.setStatus('CE1', ['ready'], 'running', undefined);

    const claims = await Promise.all(
      Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? one : two).claim('CE1', 5, T0)),
    );

    const taken = claims.flat().map((attempt) => attempt.contactId);
    expect(taken).toHaveLength(60);
    expect(new Set(taken).size).toBe(60);
    expect((await two.get('CE1'))?.counts).toMatchObject({ remaining: 0, active: 60 });
  });

  it("keeps the original design's key and stream names under the prefix", async () => {
    const prefix = redisForTests.freshPrefix();
    const store = openStore(prefix);
    await store.create(execution(), contacts(3));
    await store.setStatus('CE1', ['ready'], 'running', {
      campaignId: 'CE1',
      event: 'started',
      at: T0,
    });
    const [a, b] = await store.claim('CE1', 2, T0);
    await store.advance('CE1', a!.id, ['claimed'], { state: 'dialing', dialedAt: T0 });
    await store.advance('CE1', a!.id, ['dialing'], { state: 'live', callSid: 'CA1' });
    await store.end('CE1', a!.id, { outcome: 'busy', retryAt: T0 + 600_000, at: T0 + 9 });
    await store.advance('CE1', b!.id, ['claimed'], { state: 'dialing', dialedAt: T0 });

    expect(await keysUnder(prefix)).toEqual([
      'call_dispositions stream',
      'campaign_execution:CE1 string',
      'campaign_execution:CE1:active_calls set',
      'campaign_execution:CE1:active_order zset',
      'campaign_execution:CE1:attempts hash',
      'campaign_execution:CE1:cache list',
      'campaign_execution:CE1:cache_due zset',
      'campaign_execution:CE1:cache_due_members hash',
      'campaign_execution:CE1:calls hash',
      'campaign_execution:CE1:contacts hash',
      'campaign_execution:CE1:counts hash',
      'campaign_execution:CE1:sequences hash',
      'campaign_execution:CE1:status string',
      'campaign_execution:CE1:tries hash',
      'campaign_executions set',
      'queue_event_stream stream',
    ]);
    const key = (name: string) => `${prefix}${name}`;
    expect(await admin.smembers(key('campaign_execution:CE1:active_calls'))).toEqual([b!.id]);
    expect(await admin.lrange(key('campaign_execution:CE1:cache'), 0, -1)).toEqual(['c3']);
    expect(await admin.hgetall(key('campaign_execution:CE1:calls'))).toEqual({ CA1: 'c1#1' });
    expect(JSON.parse((await admin.get(key('campaign_execution:CE1')))!)).toEqual(execution());

    const [[, disposition]] = (await admin.xrange(key('call_dispositions'), '-', '+')) as [
      [string, string[]],
    ];
    const fields = Object.fromEntries(
      Array.from({ length: disposition.length / 2 }, (_, i) => [
        disposition[2 * i],
        disposition[2 * i + 1],
      ]),
    ) as Record<string, string>;
    expect({ ...fields, json: JSON.parse(fields.json!) as unknown }).toEqual({
      campaign: 'CE1',
      attempt: 'c1#1',
      contact: 'c1',
      phone: '+14155551000',
      number: '1',
      outcome: 'busy',
      final: 'false',
      at: String(T0 + 9),
      callSid: 'CA1',
      json: (await store.dispositions('CE1'))[0],
    });
    const [[, event]] = (await admin.xrange(key('queue_event_stream'), '-', '+')) as [
      [string, string[]],
    ];
    expect(event).toEqual(['campaign', 'CE1', 'event', 'started', 'at', String(T0)]);
  });

  it('counts outcomes per hour in a hash beside the counts, indexed by a sorted set of the hours', async () => {
    const prefix = redisForTests.freshPrefix();
    const store = openStore(prefix);
    await store.create(execution(), contacts(3));
    await store.setStatus('CE1', ['ready'], 'running', undefined);
    const [a, b, c] = await store.claim('CE1', 3, T0);
    await store.end('CE1', a!.id, { outcome: 'abandoned', at: T0 + 1 });
    await store.end('CE1', b!.id, { outcome: 'abandoned', at: T0 + 3_600_000 });
    await store.end('CE1', c!.id, { outcome: 'busy', at: T0 + 3_600_001 });
    await store.setPacingState('CE1', { dialLevel: 1.5, at: T0 });

    const hour = T0 / 3_600_000; // T0 starts an hour
    const key = (name: string) => `${prefix}campaign_execution:CE1:${name}`;
    expect(await admin.hgetall(key('outcome_hours'))).toEqual({
      [`${hour}:abandoned`]: '1',
      [`${hour + 1}:abandoned`]: '1',
    });
    expect(await admin.zrange(key('outcome_hour_index'), '0', '-1', 'WITHSCORES')).toEqual([
      String(hour),
      String(hour),
      String(hour + 1),
      String(hour + 1),
    ]);
    expect(JSON.parse((await admin.get(key('pacing_state')))!)).toEqual({
      dialLevel: 1.5,
      at: T0,
    });
  });

  it('a campaign that ended calls before hours were counted has them counted at its next end', async () => {
    const prefix = redisForTests.freshPrefix();
    const store = openStore(prefix);
    await store.create(execution(), contacts(4));
    await store.setStatus('CE1', ['ready'], 'running', undefined);
    const [a, b, c, d] = await store.claim('CE1', 4, T0);
    await store.end('CE1', a!.id, { outcome: 'connected', at: T0 });
    await store.end('CE1', b!.id, { outcome: 'busy', at: T0 });
    await store.end('CE1', c!.id, { outcome: 'machine', at: T0 + 3_600_000 });
    // As a store written before hours were counted left it.
    await admin.del(
      `${prefix}campaign_execution:CE1:outcome_hours`,
      `${prefix}campaign_execution:CE1:outcome_hour_index`,
    );
    expect(await store.outcomesSince('CE1', T0)).toEqual({
      connected: 0,
      abandoned: 0,
      machine: 0,
    });

    await store.end('CE1', d!.id, { outcome: 'abandoned', at: T0 + 7_200_000 });

    expect(await store.outcomesSince('CE1', T0)).toEqual({
      connected: 1,
      abandoned: 1,
      machine: 1,
    });
    expect(await store.outcomesSince('CE1', T0 + 3_600_000)).toEqual({
      connected: 0,
      abandoned: 1,
      machine: 1,
    });
  });

  it('takes other names for the shared keys and streams when given', async () => {
    const prefix = redisForTests.freshPrefix();
    const store = new RedisCampaignStore({
      redis: redisForTests.connect(failFastRedisOptions()),
      keyPrefix: prefix,
      names: { execution: 'exec', executions: 'execs', queueEvents: 'events' },
    });
    await store.create(execution(), []);
    await store.setStatus('CE1', ['ready'], 'running', {
      campaignId: 'CE1',
      event: 'started',
      at: T0,
    });

    expect(await keysUnder(prefix)).toEqual([
      'events stream',
      'exec:CE1 string',
      'exec:CE1:status string',
      'execs set',
    ]);
  });

  describe('an execution a campaign manager wrote itself', () => {
    /** The minimal shape redis-campaign-execution.ts documents, written as plain strings. */
    async function writeAsManager(prefix: string): Promise<void> {
      const { name, createdAt, settings } = execution('CE7'); // no id: the key names it
      await admin
        .multi()
        .set(`${prefix}campaign_execution:CE7`, JSON.stringify({ name, createdAt, settings }))
        .hset(
          `${prefix}campaign_execution:CE7:contacts`,
          'row-2',
          JSON.stringify({ phone: '+14155550102', name: 'Ada' }),
          'row-1',
          JSON.stringify({ phone: '+14155550101', attributes: { account: '42' } }),
        )
        .rpush(`${prefix}campaign_execution:CE7:cache`, 'row-1', 'row-2')
        .sadd(`${prefix}campaign_executions`, 'CE7')
        .exec();
    }

    it('is read as ready, with its contacts, and runs like one we created', async () => {
      const prefix = redisForTests.freshPrefix();
      await writeAsManager(prefix);
      const store = openStore(prefix);

      expect(await store.create(execution('CE7'), contacts(1))).toBe(false);
      expect(await store.get('CE7')).toEqual({
        execution: execution('CE7'),
        status: 'ready',
        counts: expect.objectContaining({
          total: 2,
          remaining: 2,
          active: 0,
          finished: 0,
        }) as unknown,
      });
      expect((await store.list()).map((record) => record.execution.id)).toEqual(['CE7']);
      expect(await store.contact('CE7', 'row-1')).toEqual({
        id: 'row-1',
        phone: '+14155550101',
        attributes: { account: '42' },
      });

      expect(await store.setStatus('CE7', ['ready'], 'running', undefined)).toBe(true);
      expect(await store.claim('CE7', 5, T0)).toEqual([
        expect.objectContaining({ id: 'row-1#1', phone: '+14155550101', number: 1 }),
        expect.objectContaining({ id: 'row-2#1', phone: '+14155550102', number: 1 }),
      ]);
    });

    it('that does not have the shape is refused by name, not taken for absent', async () => {
      const prefix = redisForTests.freshPrefix();
      await admin.set(`${prefix}campaign_execution:CE8`, JSON.stringify({ name: 'no settings' }));
      await admin.sadd(`${prefix}campaign_executions`, 'CE8');
      const store = openStore(prefix);

      await expect(store.get('CE8')).rejects.toThrow(
        new UnreadableCampaignKey(
          `${prefix}campaign_execution:CE8`,
          'createdAt: Invalid input: expected number, received undefined',
        ),
      );
      await expect(store.list()).rejects.toBeInstanceOf(UnreadableCampaignKey);
      expect(await store.create(execution('CE8'), [])).toBe(false);
    });

    it('a cached id without a contact to dial is dropped as finished and failed', async () => {
      const prefix = redisForTests.freshPrefix();
      await writeAsManager(prefix);
      await admin.rpush(`${prefix}campaign_execution:CE7:cache`, 'row-9');
      const store = openStore(prefix);
      await store.setStatus('CE7', ['ready'], 'running', undefined);

      expect((await store.claim('CE7', 5, T0)).map((attempt) => attempt.id)).toEqual([
        'row-1#1',
        'row-2#1',
      ]);
      expect((await store.get('CE7'))?.counts).toMatchObject({
        remaining: 0,
        failed: 1,
        finished: 1,
      });
    });
  });
});

describe('reading an execution stored with RedisJSON', () => {
  const stored = { name: 'json', createdAt: T0, settings: SETTINGS };

  /** What a Redis with RedisJSON answers, for the one command the read sends. */
  const redisJson = (answer: (args: string[]) => string) => {
    const sent: string[][] = [];
    return {
      sent,
      call(command: string, ...args: string[]) {
        sent.push([command, ...args]);
        return new Promise<string>((resolve) => resolve(answer(args))); // a throw rejects
      },
    };
  };

  it('a ReJSON-RL key is read with JSON.GET key $ and its one match unwrapped', async () => {
    const redis = redisJson(() => JSON.stringify([stored]));

    const json = await executionJson(redis, 'campaign_execution:CE1', 'ReJSON-RL', null);

    expect(JSON.parse(json!)).toEqual(stored);
    expect(redis.sent).toEqual([['JSON.GET', 'campaign_execution:CE1', '$']]);
  });

  it('a RedisJSON without JSONPath is asked for the root instead', async () => {
    const redis = redisJson((args) => {
      if (args.includes('$')) throw new Error('ERR Search path error');
      return JSON.stringify(stored);
    });

    const json = await executionJson(redis, 'campaign_execution:CE1', 'ReJSON-RL', null);

    expect(JSON.parse(json!)).toEqual(stored);
    expect(redis.sent.at(-1)).toEqual(['JSON.GET', 'campaign_execution:CE1']);
  });

  it('a plain string is taken as it is, and any other type is no execution', async () => {
    const redis = redisJson(() => {
      throw new Error('not asked');
    });
    expect(await executionJson(redis, 'k', 'string', '{"a":1}')).toBe('{"a":1}');
    expect(await executionJson(redis, 'k', 'hash', null)).toBeUndefined();
    expect(redis.sent).toEqual([]);
  });
});
