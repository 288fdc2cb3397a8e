import type { Redis } from 'ioredis';
import { runForLeadership, type DeposedReason } from '../../src/stats/poller-leadership.js';
import {
  createLeaderLock,
  type LeaderLock,
  type LeaderLockOptions,
} from '../../src/stats/poller-lock.js';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { startTcpProxy } from '../fixtures/tcp-proxy.js';
import { TEST_REDIS_URL, describeWithRedis, useRedis } from '../support/redis.js';
import { captureLogger } from '../support/capture-logger.js';
import { eventually } from '../support/eventually.js';

describeWithRedis('the poller lock', () => {
  const redisForTests = useRedis();
  let admin: Redis;
  const stops: AbortController[] = [];
  const loops: Promise<void>[] = [];

  beforeAll(() => {
    admin = redisForTests.connect();
  });

  afterEach(async () => {
    for (const stop of stops.splice(0)) stop.abort();
    await Promise.all(loops.splice(0));
  });

  const connect = (url = TEST_REDIS_URL) =>
    redisForTests.connect(failFastRedisOptions({ commandTimeoutMs: 300, maxBackoffMs: 100 }), url);

  function lockOn(key: string, options: Partial<LeaderLockOptions> = {}) {
    return createLeaderLock({
      redis: connect(),
      key,
      ttlMs: 10_000,
      renewIntervalMs: 50,
      logger: captureLogger().logger,
      ...options,
    });
  }

  /** Runs the leadership loop, recording what it reports; stopped after the test. */
  function contend<L extends ReturnType<typeof lockOn>>(lock: L) {
    const events: ({ elected: string } | { deposed: DeposedReason })[] = [];
    const stop = new AbortController();
    stops.push(stop);
    const done = lock.runForLeadership({
      onElected: (token) => events.push({ elected: token }),
      onDeposed: (reason) => events.push({ deposed: reason }),
      signal: stop.signal,
    });
    loops.push(done);
    return { lock, events, stop: () => stop.abort(), done };
  }

  /**
   * The lock, recording each answer Redis gave its leadership loop: a count of renewal periods
   * that went by, where a sleep would only guess at one.
   */
  function watched(lock: ReturnType<typeof lockOn>) {
    const answers = { acquire: [] as boolean[], renew: [] as boolean[] };
    const recorded = (name: 'acquire' | 'renew') => async () => {
      const answer = await lock[name]();
      answers[name].push(answer);
      return answer;
    };
    const watching: LeaderLock & { answers: typeof answers } = {
      key: lock.key,
      acquire: recorded('acquire'),
      renew: recorded('renew'),
      release: () => lock.release(),
      token: () => lock.token(),
      remainingMs: () => lock.remainingMs(),
      runForLeadership: (handlers) =>
        runForLeadership(
          watching,
          { logger: captureLogger().logger, renewIntervalMs: 50 },
          handlers,
        ),
      answers,
    };
    return watching;
  }

  const lockKey = () => `${redisForTests.freshPrefix()}poller:lock`;

  describe('its primitives', () => {
    it('lets only one of two contenders hold it', async () => {
      const key = lockKey();
      const [a, b] = [lockOn(key), lockOn(key)];

      expect(await a.acquire()).toBe(true);
      expect(await b.acquire()).toBe(false);

      expect(a.token()).toEqual(await admin.get(key));
      expect(b.token()).toBeUndefined();
      expect(await admin.pttl(key)).toBeGreaterThan(9000);
    });

    it('keeps it past its ttl while renewed', async () => {
      const key = lockKey();
      // The hold's own clock is the test's; Redis's expiry is moved on by PEXPIRE instead.
      let clock = 0;
      const [a, b] = [lockOn(key, { now: () => clock }), lockOn(key)];
      await a.acquire();

      for (let i = 0; i < 5; i++) {
        clock += 9_000; // most of the ttl (10 s): five of these are well past it
        await admin.pexpire(key, 1_000);
        expect(await a.renew()).toBe(true);
        expect(await admin.pttl(key)).toBeGreaterThan(9_000);
      }

      expect(await b.acquire()).toBe(false);
      expect(a.token()).toEqual(await admin.get(key));
    });

    it('lets the other take it at once when released', async () => {
      const key = lockKey();
      const [a, b] = [lockOn(key), lockOn(key)];
      await a.acquire();

      await a.release();

      expect(a.token()).toBeUndefined();
      expect(await b.acquire()).toBe(true);
      expect(await admin.get(key)).toBe(b.token());
    });

    it('hands it over when the holder stops renewing and the ttl runs out', async () => {
      const key = lockKey();
      let clock = 0;
      const [a, b] = [lockOn(key, { now: () => clock }), lockOn(key)];
      await a.acquire();
      const first = a.token();

      // The ttl runs out: on the holder's clock, and in Redis (forced, then waited for).
      clock += 10_000;
      await admin.pexpire(key, 1);
      await eventually(async () => expect(await admin.exists(key)).toBe(0));

      expect(a.token()).toBeUndefined(); // its own clock told it so, without asking Redis
      expect(await b.acquire()).toBe(true);
      expect(await a.renew()).toBe(false);
      expect(await admin.get(key)).toBe(b.token());
      expect(b.token()).not.toBe(first);
    });

    it('ends the hold at once when a renewal finds another token', async () => {
      const key = lockKey();
      const a = lockOn(key);
      await a.acquire();
      const first = a.token();

      await admin.set(key, 'someone-else', 'PX', 10_000);

      expect(await a.renew()).toBe(false);
      expect(a.token()).toBeUndefined();
      await a.release();
      expect(await admin.get(key)).toBe('someone-else'); // never deletes another's lock
      await admin.del(key);
      expect(await a.acquire()).toBe(true);
      expect(a.token()).not.toBe(first); // a new term, a new token
    });

    it('takes a fixed token when given one', async () => {
      const key = lockKey();
      const a = lockOn(key, { token: 'worker-1' });

      await a.acquire();

      expect(a.token()).toBe('worker-1');
      expect(await admin.get(key)).toBe('worker-1');
    });

    it('refuses settings that cannot work', () => {
      expect(() => lockOn(lockKey(), { ttlMs: 1000, renewIntervalMs: 1000 })).toThrow(
        /renewIntervalMs must be > 0 and shorter than ttlMs/,
      );
      expect(() =>
        createLeaderLock({
          redis: redisForTests.connect({ lazyConnect: true }),
          key: lockKey(),
          ttlMs: 1000,
          renewIntervalMs: 100,
          logger: captureLogger().logger,
        }),
      ).toThrow(/fail-fast Redis connection/);
    });
  });

  describe('runForLeadership', () => {
    it('elects exactly one of two; stopping the leader releases the lock to the other', async () => {
      const key = lockKey();
      const a = contend(watched(lockOn(key)));
      const b = contend(watched(lockOn(key)));

      await eventually(() => expect([...a.events, ...b.events]).toHaveLength(1));
      const [leader, other] = a.events.length === 1 ? [a, b] : [b, a];
      const refusedAtElection = other.lock.answers.acquire.length;
      // Three renewal periods on both sides: the leader renewed, the other was refused.
      await eventually(() => {
        expect(leader.lock.answers.renew.length).toBeGreaterThanOrEqual(3);
        expect(other.lock.answers.acquire.length).toBeGreaterThanOrEqual(refusedAtElection + 3);
      });
      expect(leader.lock.answers.renew).not.toContain(false);
      expect(other.lock.answers.acquire).not.toContain(true);
      expect(other.events).toEqual([]);
      expect(leader.events).toEqual([{ elected: await admin.get(key) }]);

      leader.stop();
      await leader.done;

      expect(leader.events.at(-1)).toEqual({ deposed: 'stopped' });
      // Released, not left to expire: the ttl (10 s) is far beyond this wait.
      await eventually(() => expect(other.events).toHaveLength(1), { withinMs: 3000 });
      expect(other.events).toEqual([{ elected: await admin.get(key) }]);
    });

    it('deposes the leader as soon as a renewal finds another token', async () => {
      const key = lockKey();
      const a = contend(lockOn(key));
      await eventually(() => expect(a.events).toHaveLength(1));

      await admin.set(key, 'new-leader', 'PX', 10_000);

      // Well within the ttl (10 s): found by the renewal, not by expiry.
      await eventually(() => expect(a.events).toHaveLength(2), { withinMs: 3000 });
      expect(a.events[1]).toEqual({ deposed: 'lost' });
      a.stop();
      await a.done;
      expect(await admin.get(key)).toBe('new-leader');
    });

    it('deposes a leader that cannot reach Redis for a ttl, and elects it again afterwards', async () => {
      const proxy = await startTcpProxy(TEST_REDIS_URL);
      try {
        const key = lockKey();
        const redis = connect(proxy.url);
        const lock = createLeaderLock({
          redis,
          key,
          ttlMs: 500,
          renewIntervalMs: 100,
          logger: captureLogger().logger,
        });
        const a = contend(lock);
        await eventually(() => expect(a.events).toHaveLength(1));

        proxy.cut();

        await eventually(() => expect(a.events).toHaveLength(2), { withinMs: 3000 });
        expect(a.events[1]).toEqual({ deposed: 'expired' });
        expect(lock.token()).toBeUndefined();
        proxy.restore();
        await eventually(() => expect(a.events).toHaveLength(3), { withinMs: 5000 });
        const [first, , second] = a.events;
        expect(second).toEqual({ elected: await admin.get(key) });
        expect(second).not.toEqual(first);
        for (const stop of stops.splice(0)) stop.abort();
        await Promise.all(loops.splice(0));
        redis.disconnect(); // before the proxy goes: its socket must close while it can
      } finally {
        await proxy.close();
      }
    });
  });
});
