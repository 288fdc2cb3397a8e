import type { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.js';
import { openSharedWaitEstimation } from '../../src/runtime/redis-wait-estimation.js';
import type { WaitEstimation } from '../../src/runtime/wait-estimation.js';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { fromFields } from '../../src/wait-time/queue-event-fields.js';
import { queueStreamKey } from '../../src/wait-time/queue-event-outbox.js';
import { startTcpProxy, type TcpProxy } from '../fixtures/tcp-proxy.js';
import { captureLogger, LEVEL, type LogLine } from '../support/capture-logger.js';
import { eventually } from '../support/eventually.js';
import { describeWithRedis, TEST_REDIS_URL, useRedis } from '../support/redis.js';
import { BASE_URL, buildTestApp } from '../support/test-app.js';

/*
 * Redis is taken away from one web process through a loopback proxy (a stall holds every byte
 * until restore; a cut drops the connections), rather than with CLIENT PAUSE, which would stall
 * every other suite sharing the test Redis.
 */
const clock = { now: () => Date.now() };

const incoming = (callSid: string) => ['/voice/incoming', { CallSid: callSid }] as const;
const taken = (callSid: string) =>
  ['/voice/dequeued?queue=customers', { CallSid: callSid, QueueTime: '30' }] as const;
const result = (callSid: string, QueueResult: string) =>
  [
    '/voice/queue-result?queue=customers',
    { CallSid: callSid, QueueResult, QueueTime: '20' },
  ] as const;

const messages = (lines: LogLine[], level: number) =>
  lines.filter((line) => line.level === level).map((line) => line.msg);

describeWithRedis('webhooks in Redis mode while Redis is stalled or down', () => {
  jest.setTimeout(40_000);
  const PATIENTLY = { withinMs: 20_000 };
  const redisForTests = useRedis();
  let proxy: TcpProxy;
  let admin: Redis;
  const opened: { estimation: WaitEstimation; redis: Redis }[] = [];

  beforeAll(() => {
    admin = redisForTests.connect();
  });
  beforeEach(async () => {
    proxy = await startTcpProxy(TEST_REDIS_URL);
  });
  afterEach(async () => {
    proxy.restore();
    for (const { estimation, redis } of opened.splice(0)) {
      await estimation.close();
      redis.disconnect();
    }
    await proxy.close();
  });

  /** One web process on `prefix`, every connection of it through the proxy. */
  async function webProcess(
    prefix: string,
    options: { commandTimeoutMs?: number; outboxCapacity?: number } = {},
  ) {
    const env = { REDIS_URL: proxy.url, REDIS_KEY_PREFIX: prefix };
    const config = loadConfig({ PUBLIC_BASE_URL: BASE_URL, ...env });
    const { logger, lines } = captureLogger();
    const redis = redisForTests.connect(
      failFastRedisOptions({ commandTimeoutMs: options.commandTimeoutMs }),
      proxy.url,
    );
    const estimation = await openSharedWaitEstimation({
      config,
      settings: { url: proxy.url, keyPrefix: prefix },
      clock,
      logger,
      redis,
      outboxCapacity: options.outboxCapacity,
    });
    opened.push({ estimation, redis });
    return { ...buildTestApp({ env, clock, estimation }), estimation, outboxLogs: lines };
  }

  /** The shared stream as "kind callSid", read straight from Redis (not through the proxy). */
  async function streamed(prefix: string) {
    const entries = await admin.xrange(queueStreamKey(prefix), '-', '+');
    return entries.map(([, fields]) => {
      const event = fromFields(fields);
      return event?.kind === 'observed' ? 'observed' : `${event?.kind} ${event?.callSid}`;
    });
  }

  it('answers every call-path webhook inside a stall, then delivers each event once, in order', async () => {
    const prefix = redisForTests.freshPrefix();
    // A command timeout longer than the stall: a webhook that waited on any Redis command would
    // answer only once the stall ends.
    const web = await webProcess(prefix, { commandTimeoutMs: 60_000 });
    const steps = [
      incoming('CA1'),
      incoming('CA2'),
      incoming('CA3'),
      taken('CA1'),
      result('CA1', 'bridged'), // the same departure again, when the bridged call ends
      result('CA2', 'hangup'),
    ];
    proxy.stall();
    let stalled = true;
    const answers: { status: number; text: string; inStall: boolean }[] = [];
    const sent = (async () => {
      for (const [path, params] of steps) {
        const res = await web.post(path, params);
        answers.push({ status: res.status, text: res.text, inStall: stalled });
      }
    })();
    // The stall lasts until every answer is in: one that waited on Redis would never come.
    await eventually(() => expect(answers).toHaveLength(steps.length), PATIENTLY);
    const whileStalled = await streamed(prefix);
    stalled = false;
    proxy.restore();
    await sent;

    expect(answers.map(({ status, inStall }) => ({ status, inStall }))).toEqual(
      steps.map(() => ({ status: 200, inStall: true })),
    );
    expect(answers.map(({ text }) => /<Enqueue|<Response\/>|<Hangup\/>/.exec(text)?.[0])).toEqual([
      '<Enqueue',
      '<Enqueue',
      '<Enqueue',
      '<Response/>',
      '<Hangup/>',
      '<Response/>',
    ]);
    expect(whileStalled).toEqual([]);
    await eventually(
      async () =>
        expect(await streamed(prefix)).toEqual([
          'entered CA1',
          'entered CA2',
          'entered CA3',
          'left CA1',
          'left CA2',
        ]),
      PATIENTLY,
    );
    // Applied from the stream: CA3 still waits, CA1 left once, CA2 gave up.
    await eventually(() => expect(web.activity.waiting('customers')).toBe(1), PATIENTLY);
    // The delivery's reply (and so this line) may come after the stream reader saw the events:
    // two connections, in no fixed order.
    await eventually(() =>
      expect(web.outboxLogs.filter((l) => l.msg === 'queue event already recorded')).toEqual([
        expect.objectContaining({ callSid: 'CA1', queue: 'customers' }),
      ]),
    );
    expect(web.estimation.outboxStatus()).toEqual({ depth: 0, dropped: 0 });
  });

  it('retries a delivery that timed out in the stall, and the stream still holds each event once', async () => {
    const prefix = redisForTests.freshPrefix();
    const web = await webProcess(prefix); // the production command timeout
    proxy.stall();
    for (const [path, params] of [incoming('CA1'), incoming('CA2'), result('CA1', 'hangup')]) {
      expect((await web.post(path, params)).status).toBe(200);
    }
    // Timed out once, and sent again into the stall: both copies run once Redis answers.
    await eventually(
      () => expect(messages(web.outboxLogs, LEVEL.debug)).toContain('queue event delivery failed'),
      PATIENTLY,
    );
    expect(web.estimation.outboxStatus()).toEqual({ depth: 3, dropped: 0 });
    expect(await streamed(prefix)).toEqual([]);

    proxy.restore();
    await eventually(
      () => expect(web.estimation.outboxStatus()).toEqual({ depth: 0, dropped: 0 }),
      PATIENTLY,
    );
    expect(await streamed(prefix)).toEqual(['entered CA1', 'entered CA2', 'left CA1']);
    expect(messages(web.outboxLogs, LEVEL.warn)).toEqual([
      'queue events held locally: Redis unreachable; delivering them in order when it is back',
    ]);
    // Written once the delivery loop sees the outbox empty, a moment after its depth is 0.
    await eventually(() =>
      expect(messages(web.outboxLogs, LEVEL.info)).toContain(
        'queue event outbox drained: every held event is in the stream',
      ),
    );
    await eventually(() => expect(web.activity.waiting('customers')).toBe(1), PATIENTLY);
  });

  it('counts a departure reported to two web processes once', async () => {
    const prefix = redisForTests.freshPrefix();
    const a = await webProcess(prefix);
    const b = await webProcess(prefix);
    const [path, params] = result('CA9', 'hangup');
    const answers = await Promise.all([a.post(path, params), b.post(path, params)]);
    expect(answers.map((res) => res.status)).toEqual([200, 200]);
    const repeats = () =>
      [...a.outboxLogs, ...b.outboxLogs].filter((l) => l.msg === 'queue event already recorded');
    await eventually(() => expect(repeats()).toHaveLength(1), PATIENTLY);
    await eventually(() => {
      expect(a.estimation.outboxStatus()).toMatchObject({ depth: 0 });
      expect(b.estimation.outboxStatus()).toMatchObject({ depth: 0 });
    }, PATIENTLY);
    expect(await streamed(prefix)).toEqual(['left CA9']);
  });

  it('when the outbox is full, drops the oldest held events, counts them and says so once', async () => {
    const prefix = redisForTests.freshPrefix();
    const web = await webProcess(prefix, { outboxCapacity: 3 });
    proxy.cut();
    for (const n of [1, 2, 3, 4, 5]) {
      const [path, params] = incoming(`CA${n}`);
      expect((await web.post(path, params)).status).toBe(200);
    }
    // CA1 was being delivered when the outage began; CA2 and CA3 were the oldest held.
    expect(web.estimation.outboxStatus()).toEqual({ depth: 3, dropped: 2 });
    expect(messages(web.outboxLogs, LEVEL.warn)).toContain(
      'queue event outbox full; dropping the oldest events',
    );

    proxy.restore();
    await eventually(
      async () =>
        expect(await streamed(prefix)).toEqual(['entered CA1', 'entered CA4', 'entered CA5']),
      PATIENTLY,
    );
    await eventually(() => {
      expect(web.outboxLogs.filter((l) => l.msg.startsWith('queue event outbox drained'))).toEqual([
        expect.objectContaining({ dropped: 2 }),
      ]);
    }, PATIENTLY);
    expect(
      messages(web.outboxLogs, LEVEL.warn).filter((m) => m.startsWith('queue event outbox full')),
    ).toHaveLength(1);
    expect(web.estimation.outboxStatus()).toEqual({ depth: 0, dropped: 2 });
  });
});
