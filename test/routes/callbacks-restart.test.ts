import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CallbackStore } from '../../src/callbacks/callback.js';
import { FileCallbackStore } from '../../src/callbacks/file-callback-store.js';
import { RedisCallbackStore } from '../../src/callbacks/redis-callback-store.js';
import { defaultQueueMetadata } from '../../src/metadata/queue-metadata.js';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { describeWithRedis, useRedis } from '../support/redis.js';
import { NOW, buildTestApp, freshStats } from '../support/test-app.js';

const CALLER = 'CA0123456789abcdef0123456789abcdef';

/** An app on `callbacks` with the offer on; a caller takes it. Returns the app. */
async function callerTakesCallback(callbacks: CallbackStore) {
  const app = buildTestApp({ snapshot: freshStats, callbacks });
  const put = await app.apiPut(
    '/api/queues/customers/metadata',
    { ...defaultQueueMetadata('customers'), callbackOfferSeconds: 60 },
    '"1"',
  );
  expect(put.status).toBe(200);
  const res = await app.post(
    `/voice/callback-offer?queue=customers&entered=${NOW - 90_000}&eta=240`,
    { CallSid: CALLER, From: '+14155550123', Digits: '1' },
  );
  expect(res.text).toContain('<Leave/>');
  return app;
}

/** What a restarted process lists, and that the caller still has one callback. */
async function afterRestart(callbacks: CallbackStore) {
  const app = buildTestApp({ snapshot: freshStats, callbacks });
  const listed = await app.api('/api/callbacks?state=waiting');
  expect(listed.status).toBe(200);
  expect(listed.body).toEqual({
    callbacks: [
      expect.objectContaining({
        id: `cb-${CALLER}`,
        phone: '+14155550123',
        enteredAt: new Date(NOW - 90_000).toISOString(),
        state: 'waiting',
      }),
    ],
  });
  // Twilio repeating the action after the restart makes no second callback.
  const again = await callbacks.request({
    queue: 'customers',
    phone: '+14155550123',
    callerCallSid: CALLER,
    enteredAt: NOW - 90_000,
    requestedAt: NOW + 5000,
  });
  expect(again.created).toBe(false);
}

describe('a callback taken before a restart (embedded: DATA_DIR)', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'holdline-callbacks-app-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is there, in its place, once the process opens the same DATA_DIR again', async () => {
    const before = await FileCallbackStore.open(dataDir);
    await callerTakesCallback(before);
    await before.close();

    const after = await FileCallbackStore.open(dataDir);
    try {
      await afterRestart(after);
    } finally {
      await after.close();
    }
  });
});

describeWithRedis('a callback taken before a restart (Redis)', () => {
  const redisForTests = useRedis();

  it('is there, in its place, for a process on a new connection', async () => {
    const prefix = redisForTests.freshPrefix();
    const open = () =>
      new RedisCallbackStore(redisForTests.connect(failFastRedisOptions()), prefix);
    await callerTakesCallback(open());
    await afterRestart(open());
  });
});
