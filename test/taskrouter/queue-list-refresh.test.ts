import { loadConfig } from '../../src/config.js';
import {
  listenForRefreshRequests,
  openTaskRouterEvents,
} from '../../src/runtime/taskrouter-events.js';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { captureLogger } from '../support/capture-logger.js';
import { eventually } from '../support/eventually.js';
import { describeWithRedis, TEST_REDIS_URL, useRedis } from '../support/redis.js';

const created = {
  type: 'task-queue.created',
  key: 'EV1',
  queueSid: 'WQ1',
  queueName: 'vip',
  expression: '1==1',
} as const;
const workerChanged = {
  type: 'worker.attributes.update',
  key: 'EV2',
  workerSid: 'WK1',
  attributes: '{}',
} as const;

describe('a queue created or deleted brings a poll at once', () => {
  it('embedded: asks this process’s poller; other events do not', async () => {
    let asked = 0;
    const { listener } = openTaskRouterEvents({
      config: loadConfig({}),
      logger: captureLogger().logger,
      redis: undefined,
      polling: { refreshSoon: () => (asked += 1) },
    });
    await listener(created);
    await listener({ type: 'task-queue.deleted', key: 'EV3', queueSid: 'WQ1', queueName: 'vip' });
    await listener(workerChanged);
    expect(asked).toBe(2);
  });
});

describeWithRedis('a queue created or deleted brings a poll at once (Redis mode)', () => {
  const redisForTests = useRedis();

  it('a web process asks the polling worker through Redis; the worker runs a cycle', async () => {
    const config = loadConfig({
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: redisForTests.freshPrefix(),
    });
    const { logger } = captureLogger();
    let asked = 0;
    const worker = listenForRefreshRequests({
      config,
      logger,
      polling: { refreshSoon: () => (asked += 1) },
    });
    try {
      const web = openTaskRouterEvents({
        config,
        logger,
        redis: redisForTests.connect(failFastRedisOptions()),
        polling: undefined,
      });
      // The subscription takes a moment to be in place: ask until it is heard.
      await eventually(async () => {
        await web.listener(created);
        expect(asked).toBeGreaterThan(0);
      });
      expect(await web.inbox.firstDelivery('EV-once', Date.now())).toBe(true);
      expect(await web.inbox.firstDelivery('EV-once', Date.now())).toBe(false);
    } finally {
      worker.close();
    }
  });
});
