import type { AttemptOutcome, AttemptState } from '../../src/outbound/attempt.js';
import type { CampaignStatus } from '../../src/outbound/campaign.js';
import { CampaignBook } from '../../src/outbound/campaign-book.js';
import type { QueueEvent } from '../../src/outbound/disposition.js';
import { RedisCampaignStore } from '../../src/outbound/redis-campaign-store.js';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { describeWithRedis, useRedis } from '../support/redis.js';
import { seededRandom } from '../support/seeded-random.js';
import { T0, contacts, execution } from './campaign-fixtures.js';

const STATUSES: CampaignStatus[] = ['ready', 'running', 'paused', 'stopped', 'complete'];
const STATES: AttemptState[] = ['claimed', 'dialing', 'unknown', 'live', 'ended'];
const OUTCOMES: AttemptOutcome[] = [
  'connected',
  'abandoned',
  'machine',
  'busy',
  'no-answer',
  'failed',
  'canceled',
  'do-not-call',
  'no-calling-hours',
];
const EVENTS: QueueEvent['event'][] = ['started', 'paused', 'resumed', 'stopped', 'complete'];

/**
 * The same random steps on CampaignBook (the reference) and on the Redis store, compared after
 * every step and at the end: few times and call SIDs, so due times tie, SIDs collide, attempts
 * are ended twice and released from any state.
 */
describeWithRedis('the Redis campaign store, step for step with CampaignBook', () => {
  const redisForTests = useRedis();

  it.each(Array.from({ length: 12 }, (_, i) => i + 1))('seed %i', async (seed) => {
    const random = seededRandom(seed);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const some = <T>(items: readonly T[]): T[] => items.filter(() => random() < 0.5);
    const time = () => T0 + 1000 * Math.floor(random() * 4);
    // Ends spread over two hours (half-hour steps), so the hours they are counted in differ.
    const endTime = () => T0 + 1_800_000 * Math.floor(random() * 4);
    const maybe = <T>(value: T): T | undefined => (random() < 0.5 ? value : undefined);

    const book = new CampaignBook();
    const store = new RedisCampaignStore({
      redis: redisForTests.connect(failFastRedisOptions()),
      keyPrefix: redisForTests.freshPrefix(),
    });
    const list = [...contacts(6), { id: 'c2', phone: '+14155559999' }]; // a repeated id
    const attemptIds = new Set<string>();
    const sids = ['CA1', 'CA2', 'CA3', 'CA4'];
    const steps: string[] = [];

    async function step<T>(name: string, expected: T, actual: Promise<T>): Promise<void> {
      steps.push(name);
      expect({ steps, result: await actual }).toEqual({ steps, result: expected });
    }

    expect(await store.create(execution(), list)).toBe(book.create(execution(), list));
    await store.setStatus('CE1', ['ready'], 'running', undefined);
    book.setStatus('CE1', ['ready'], 'running', undefined);

    for (let i = 0; i < 80; i += 1) {
      const known = [...attemptIds, 'c9#1'];
      const roll = random();
      if (roll < 0.25) {
        const [max, now] = [pick([0, 1, 2, 3, 1.5]), time()];
        const claimed = book.claim('CE1', max, now);
        for (const attempt of claimed) attemptIds.add(attempt.id);
        await step(`claim ${max} ${now}`, claimed, store.claim('CE1', max, now));
      } else if (roll < 0.5) {
        const [id, from] = [pick(known), some(STATES)];
        const patch = {
          state: pick(STATES),
          dialedAt: maybe(time()),
          callSid: maybe(pick(sids)),
          callStatus: maybe('ringing'),
        };
        const args = ['CE1', id, from, patch] as const;
        await step(
          `advance ${JSON.stringify(args)}`,
          book.advance(...args),
          store.advance(...args),
        );
      } else if (roll < 0.62) {
        const args = ['CE1', pick(known), some(STATES), time()] as const;
        await step(
          `release ${JSON.stringify(args)}`,
          book.release(...args),
          store.release(...args),
        );
      } else if (roll < 0.85) {
        const end = {
          outcome: pick(OUTCOMES),
          reason: maybe('21215'),
          callSid: maybe(pick(sids)),
          callStatus: maybe('completed'),
          retryAt: maybe(time()),
          at: endTime(),
        };
        const args = ['CE1', pick(known), end] as const;
        await step(`end ${JSON.stringify(args)}`, book.end(...args), store.end(...args));
      } else if (roll < 0.95) {
        const event = maybe({ campaignId: 'CE1', event: pick(EVENTS), at: time() });
        const args = ['CE1', some(STATUSES), pick(STATUSES), event] as const;
        await step(
          `setStatus ${JSON.stringify(args)}`,
          book.setStatus(...args),
          store.setStatus(...args),
        );
      } else {
        const at = time();
        await step(
          `completeIfDone ${at}`,
          book.completeIfDone('CE1', at),
          store.completeIfDone('CE1', at),
        );
      }
      await step('get', book.get('CE1'), store.get('CE1'));
      await step('active', book.active('CE1'), store.active('CE1'));
      for (const since of [T0, T0 + 3_600_000]) {
        await step(
          `outcomesSince ${since}`,
          book.outcomesSince('CE1', since),
          store.outcomesSince('CE1', since),
        );
      }
    }

    for (const id of attemptIds) {
      await step(`attempt ${id}`, book.attempt('CE1', id), store.attempt('CE1', id));
    }
    for (const sid of sids) {
      await step(
        `attemptOfCall ${sid}`,
        book.attemptOfCall('CE1', sid),
        store.attemptOfCall('CE1', sid),
      );
    }
    await step('contact c2', book.contact('CE1', 'c2'), store.contact('CE1', 'c2'));
    await step('dispositions', book.dispositions('CE1'), store.dispositions('CE1'));
    await step('queueEvents', book.queueEvents('CE1'), store.queueEvents('CE1'));
    await step('list', book.list(), store.list());
  });
});
