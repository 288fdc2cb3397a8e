import type { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.js';
import { openBackend } from '../../src/runtime/backend.js';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { createQueueLearner } from '../../src/wait-time/queue-learner.js';
import { createRedisQueueEventLog } from '../../src/wait-time/redis-queue-events.js';
import { fromFields } from '../../src/wait-time/queue-event-fields.js';
import { queueStreamKey } from '../../src/wait-time/queue-event-outbox.js';
import {
  createSharedQueueActivity,
  type SharedQueueActivity,
} from '../../src/wait-time/redis-queue-stream.js';
import { captureLogger } from '../support/capture-logger.js';
import { eventually } from '../support/eventually.js';
import { describeWithRedis, TEST_REDIS_URL, useRedis } from '../support/redis.js';

const NOW = Date.now();
/** Nothing decays within a test: counts stay whole. */
const NO_DECAY = { halfLifeSeconds: 1e12 };

describeWithRedis('queue events shared through Redis (many web processes)', () => {
  // Connections, replays and blocking reads under a loaded CI machine: generous bounds, which
  // only matter when a test is failing.
  jest.setTimeout(30_000);
  const PATIENTLY = { withinMs: 20_000 };
  const redisForTests = useRedis();
  const running: SharedQueueActivity[] = [];

  afterEach(async () => {
    await Promise.all(running.splice(0).map((shared) => shared.stop()));
  });

  /** One web process's side: its own connections and learner, on the shared prefix. */
  async function webProcess(prefix: string) {
    const learner = createQueueLearner(NO_DECAY);
    const { logger, lines } = captureLogger();
    const redis: Redis = redisForTests.connect(failFastRedisOptions());
    const shared = createSharedQueueActivity({
      redis,
      reader: redisForTests.connect(failFastRedisOptions({ commandTimeoutMs: 10_000 })),
      keyPrefix: prefix,
      learner,
      logger,
      now: () => NOW,
    });
    await shared.start();
    running.push(shared);
    return {
      learner,
      activity: shared.activity,
      events: createRedisQueueEventLog({ redis, keyPrefix: prefix }),
      logs: lines,
    };
  }

  const left = (n: number, waitSeconds = 60) => ({
    queue: 'customers',
    outcome: 'served' as const,
    waitSeconds,
    at: NOW - (30 - n) * 10_000,
    callSid: `CA${n}`,
  });

  it('every process learns the same rates and counts, whichever process heard the webhook', async () => {
    const prefix = redisForTests.freshPrefix();
    const a = await webProcess(prefix);
    const b = await webProcess(prefix);
    // Callers enter through A and B alike; takes reach both processes too.
    for (let n = 0; n < 30; n += 1) {
      const via = n % 2 === 0 ? a : b;
      via.activity.callerEntered({
        queue: 'customers',
        at: left(n).at - 60_000,
        callSid: `CA${n}`,
      });
      via.activity.callerLeft(left(n));
    }
    a.activity.callerEntered({ queue: 'customers', at: NOW, callSid: 'CA-still-waiting' });
    b.activity.callerDropped({ queue: 'customers', callSid: 'CA29' }); // already gone: no effect

    await eventually(() => {
      expect(a.learner.rates('customers', NOW).servicesObserved).toBeCloseTo(30, 0);
      expect(b.learner.rates('customers', NOW)).toEqual(a.learner.rates('customers', NOW));
      expect(a.activity.waiting('customers')).toBe(1);
      expect(b.activity.waiting('customers')).toBe(1);
    }, PATIENTLY);
  });

  it('a process that starts later reads the recent past and holds the same state', async () => {
    const prefix = redisForTests.freshPrefix();
    const early = await webProcess(prefix);
    for (let n = 0; n < 12; n += 1) early.activity.callerLeft(left(n));
    await eventually(
      () => expect(early.learner.rates('customers', NOW).servicesObserved).toBeCloseTo(12, 6),
      PATIENTLY,
    );

    const late = await webProcess(prefix);
    expect(late.learner.rates('customers', NOW)).toEqual(early.learner.rates('customers', NOW));
  });

  it('a departure reported to two processes, and again to one, reaches the stream and the learners once', async () => {
    const prefix = redisForTests.freshPrefix();
    const a = await webProcess(prefix);
    const b = await webProcess(prefix);
    a.activity.callerLeft(left(1));
    b.activity.callerLeft(left(1));
    a.activity.callerLeft({ ...left(1), reportedAfterCall: true });
    a.activity.callerLeft(left(2));
    await eventually(() => {
      expect(a.learner.rates('customers', NOW).servicesObserved).toBeCloseTo(2, 6);
      expect(b.learner.rates('customers', NOW)).toEqual(a.learner.rates('customers', NOW));
    }, PATIENTLY);
    const admin = redisForTests.connect();
    const entries = await admin.xrange(queueStreamKey(prefix), '-', '+');
    const calls = entries.map(([, fields]) => {
      const event = fromFields(fields);
      return event?.kind === 'left' ? event.callSid : event?.kind;
    });
    expect(calls).toEqual(['CA1', 'CA2']);
    expect([...a.logs, ...b.logs].filter((l) => l.msg === 'queue event already recorded')).toEqual([
      expect.objectContaining({ callSid: 'CA1' }),
      expect.objectContaining({ callSid: 'CA1' }),
    ]);
  });

  it('reads back the recorded departures of a queue from the stream', async () => {
    const prefix = redisForTests.freshPrefix();
    const a = await webProcess(prefix);
    a.activity.callerLeft(left(1));
    a.activity.callerLeft({ ...left(2), queue: 'premium-customers' });
    await eventually(
      async () => expect(await a.events.since('customers', 0)).toEqual([left(1)]),
      PATIENTLY,
    );
  });

  it('skips an entry it cannot read, logs it, and goes on', async () => {
    const prefix = redisForTests.freshPrefix();
    const a = await webProcess(prefix);
    const admin = redisForTests.connect();
    await admin.xadd(queueStreamKey(prefix), '*', 'k', 'left', 'q', 'customers', 'a', 'soon');
    a.activity.callerLeft(left(1));
    await eventually(
      () => expect(a.learner.rates('customers', NOW).servicesObserved).toBeCloseTo(1, 6),
      PATIENTLY,
    );
    expect(a.logs).toContainEqual(
      expect.objectContaining({ msg: 'skipped a queue event that could not be read' }),
    );
  });

  it("Twilio's counts reach every process; one that agrees with the count costs no entry", async () => {
    const prefix = redisForTests.freshPrefix();
    const a = await webProcess(prefix);
    const b = await webProcess(prefix);
    a.activity.callerEntered({ queue: 'customers', at: NOW - 2000, callSid: 'CA1' });
    await eventually(() => expect(b.activity.waiting('customers')).toBe(1), PATIENTLY);
    const admin = redisForTests.connect();
    const entries = await admin.xlen(queueStreamKey(prefix));

    b.activity.queueSizeObserved({ queue: 'customers', size: 1, at: NOW - 1000 });
    a.activity.queueSizeObserved({ queue: 'customers', size: 4, at: NOW - 1000 });
    await eventually(() => {
      expect(a.activity.waiting('customers')).toBe(4);
      expect(b.activity.waiting('customers')).toBe(4);
    }, PATIENTLY);
    expect(await admin.xlen(queueStreamKey(prefix))).toBe(entries + 1);
  });

  it("the worker's polls set every web process's count (a restart's unseen callers included)", async () => {
    const prefix = redisForTests.freshPrefix();
    const a = await webProcess(prefix);
    const config = loadConfig({ REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: prefix });
    const { logger } = captureLogger();
    const backend = await openBackend(config, { logger, role: 'worker' });
    const sizes = backend.snapshotSizes({ clock: { now: () => NOW }, logger });
    sizes.onSnapshot({
      fetchedAt: NOW - 1000,
      cycle: {
        startedAt: NOW - 1200,
        durationMs: 200,
        requests: 2,
        retries: 0,
        failedQueues: 0,
        complete: true,
      },
      queues: [{ name: 'premium-customers', fetchedAt: NOW - 1000, waitingCallers: 9 }],
    });
    await eventually(() => expect(a.activity.waiting('premium-customers')).toBe(9), PATIENTLY);
    await sizes.close();
    await backend.close();
  });
});
