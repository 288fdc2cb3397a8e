import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { openBackend } from '../../src/runtime/backend.js';
import { openTaskRouterEvents } from '../../src/runtime/taskrouter-events.js';
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
    const dir = await mkdtemp(path.join(tmpdir(), 'holdline-refresh-'));
    const backend = await openBackend(loadConfig({ DATA_DIR: dir }), {
      logger: captureLogger().logger,
      role: 'web',
    });
    try {
      backend.refreshRequests.listen(() => (asked += 1));
      const { listener } = openTaskRouterEvents({ backend });
      await listener(created);
      await listener({ type: 'task-queue.deleted', key: 'EV3', queueSid: 'WQ1', queueName: 'vip' });
      await listener(workerChanged);
      expect(asked).toBe(2);
    } finally {
      await backend.close();
      await rm(dir, { recursive: true, force: true });
    }
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
    const workerBackend = await openBackend(config, { logger, role: 'worker' });
    const webBackend = await openBackend(config, { logger, role: 'web' });
    const worker = workerBackend.refreshRequests.listen(() => (asked += 1));
    try {
      const web = openTaskRouterEvents({ backend: webBackend });
      // The subscription takes a moment to be in place: ask until it is heard.
      await eventually(async () => {
        await web.listener(created);
        expect(asked).toBeGreaterThan(0);
      });
      expect(await web.inbox.firstDelivery('EV-once', Date.now())).toBe(true);
      expect(await web.inbox.firstDelivery('EV-once', Date.now())).toBe(false);
    } finally {
      worker.close();
      await webBackend.close();
      await workerBackend.close();
    }
  });
});
