import { defaultQueueMetadata } from '../../src/metadata/queue-metadata.js';
import request from 'supertest';
import { API_TOKEN, NOW, buildTestApp, unreachableStore } from '../support/test-app.js';
import type { StatsSnapshot } from '../../src/stats/queue-stats.js';

/** supertest types bodies as any; the API's shapes, as far as these tests read them. */
interface ApiError {
  error: { code: string; message: string };
}
interface QueuesBody {
  fetchedAt: string | null;
  queues: unknown[];
}
const errorOf = (res: { body: unknown }) => (res.body as ApiError).error;
const queuesOf = (res: { body: unknown }) => res.body as QueuesBody;

const snapshot: StatsSnapshot = {
  fetchedAt: NOW - 5_000,
  queues: [
    {
      name: 'customers',
      taskQueueSid: `WQ${'2'.repeat(32)}`,
      voiceQueueSid: `QU${'2'.repeat(32)}`,
      fetchedAt: NOW - 5_000,
      stale: false,
      waitingCallers: 4,
      longestWaitSeconds: 130,
      averageWaitSeconds: 70,
      maxSize: 100,
      availableWorkers: 2,
      eligibleWorkers: 9,
      servedInWindow: 90,
      windowSeconds: 1_800,
      abandonedInWindow: 6,
      enteredInWindow: 99,
      averageAcceptedWaitSeconds: 52,
      serviceLevel: [
        {
          thresholdSeconds: 30,
          acceptedWithin: 40,
          acceptedAbove: 50,
          abandonedWithin: 2,
          abandonedAbove: 4,
        },
      ],
      metadata: { ...defaultQueueMetadata('customers'), displayName: 'Customers' },
    },
    {
      name: 'premium-customers',
      fetchedAt: NOW - 50_000,
      stale: true,
      lastError: 'statistics of premium-customers: HTTP 503',
      servedInWindow: 20,
      windowSeconds: 1_800,
    },
  ],
};

describe('GET /api/queues', () => {
  it('answers 401 without a bearer token, and says how to authenticate', async () => {
    const { app } = buildTestApp({ snapshot });
    const res = await request(app).get('/api/queues');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="holdline"');
    expect(res.body).toEqual({
      error: { code: 'UNAUTHORIZED', message: 'A valid bearer token is required' },
    });
  });

  it('answers 401 for a wrong token, including one that is a prefix of the right one', async () => {
    const { app } = buildTestApp({ snapshot });
    for (const token of ['nope', API_TOKEN.slice(0, -1), `${API_TOKEN}x`]) {
      const res = await request(app).get('/api/queues').set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(401);
    }
  });

  it('answers 503 API_DISABLED when no API_TOKEN is configured', async () => {
    const { app } = buildTestApp({ snapshot, apiToken: null });
    const res = await request(app).get('/api/queues').set('Authorization', 'Bearer anything');
    expect(res.status).toBe(503);
    expect(errorOf(res).code).toBe('API_DISABLED');
  });

  it('lists every queue with its numbers, metadata, priority and staleness', async () => {
    const { api } = buildTestApp({ snapshot });
    const res = await api('/api/queues');

    expect(res.status).toBe(200);
    expect(queuesOf(res).fetchedAt).toBe(new Date(NOW - 5_000).toISOString());
    expect(queuesOf(res).queues).toEqual([
      {
        name: 'customers',
        displayName: 'Customers',
        timeZone: 'UTC',
        open: true,
        nextOpenAt: null,
        closesAt: null,
        // Position 5 (four waiting) × 1,800 s ÷ 90 served.
        estimate: { kind: 'known', seconds: 100 },
        announcements: NOTHING_ANNOUNCED,
        satisfaction: null,
        priority: 1,
        seenOnTwilio: true,
        taskQueueSid: `WQ${'2'.repeat(32)}`,
        voiceQueueSid: `QU${'2'.repeat(32)}`,
        waitingCallers: 4,
        longestWaitSeconds: 130,
        averageWaitSeconds: 70,
        maxSize: 100,
        availableWorkers: 2,
        eligibleWorkers: 9,
        window: {
          seconds: 1_800,
          served: 90,
          abandoned: 6,
          entered: 99,
          averageAcceptedWaitSeconds: 52,
          serviceLevel: [
            {
              thresholdSeconds: 30,
              acceptedWithin: 40,
              acceptedAbove: 50,
              abandonedWithin: 2,
              abandonedAbove: 4,
            },
          ],
        },
        fetchedAt: new Date(NOW - 5_000).toISOString(),
        stale: false,
        lastError: null,
      },
      expect.objectContaining({
        name: 'premium-customers',
        displayName: 'premium-customers',
        priority: 0,
        open: true,
        estimate: { kind: 'unknown', reason: 'stale-stats' },
        waitingCallers: null,
        stale: true,
        lastError: 'statistics of premium-customers: HTTP 503',
      }),
    ]);
  });

  it('can be cached until the next cycle is due, and revalidated with its ETag', async () => {
    const { api } = buildTestApp({ snapshot });
    const first = await api('/api/queues');
    expect(first.headers['cache-control']).toBe('private, max-age=10');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]+"$/);

    const again = await api('/api/queues').set('If-None-Match', etag);
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('answers from the last snapshot this process read when the store is unreachable', async () => {
    const { api, logs } = buildTestApp({
      stats: { ...unreachableStore, currentSnapshot: () => snapshot },
    });
    const res = await api('/api/queues');
    expect(res.status).toBe(200);
    expect(queuesOf(res).queues).toHaveLength(2);
    expect(logs.some((l) => l.msg.includes('answers from the last snapshot read'))).toBe(true);
  });

  it('lists the configured queues, not yet seen on Twilio, uncacheable, before the first snapshot', async () => {
    const { api } = buildTestApp();
    const res = await api('/api/queues');
    expect(res.status).toBe(200);
    expect(queuesOf(res).fetchedAt).toBeNull();
    expect(queuesOf(res).queues).toEqual(
      ['premium-customers', 'customers'].map((name) => notSeen(name)),
    );
    expect(res.headers['cache-control']).toBe('private, max-age=0');
  });

  it('lists a configured queue Twilio has not listed yet, its numbers unknown, beside the polled ones', async () => {
    const { api } = buildTestApp({
      env: { QUEUES: 'premium-customers,customers,launch' },
      snapshot,
    });
    const res = await api('/api/queues');
    expect(queuesOf(res).queues.map((q) => (q as { name: string }).name)).toEqual([
      'customers',
      'premium-customers',
      'launch',
    ]);
    expect(queuesOf(res).queues[2]).toEqual({ ...notSeen('launch'), priority: 2 });
  });
});

/** No greeted caller was taken in the last hour. */
const NOTHING_ANNOUNCED = {
  windowSeconds: 3600,
  served: 0,
  meanAbsoluteErrorSeconds: null,
  biasSeconds: null,
  withinShare: null,
};

/** A configured queue no poll has listed: metadata and hours, but no number from Twilio. */
function notSeen(name: string) {
  return {
    name,
    displayName: name,
    timeZone: 'UTC',
    open: true,
    nextOpenAt: null,
    closesAt: null,
    estimate: { kind: 'unknown', reason: 'no-stats' },
    announcements: NOTHING_ANNOUNCED,
    satisfaction: null,
    priority: name === 'premium-customers' ? 0 : 1,
    seenOnTwilio: false,
    taskQueueSid: null,
    voiceQueueSid: null,
    waitingCallers: null,
    longestWaitSeconds: null,
    averageWaitSeconds: null,
    maxSize: null,
    availableWorkers: null,
    eligibleWorkers: null,
    window: {
      seconds: null,
      served: null,
      abandoned: null,
      entered: null,
      averageAcceptedWaitSeconds: null,
      serviceLevel: [],
    },
    fetchedAt: null,
    stale: true,
    lastError: null,
  };
}

describe('GET /api/queues/{name-or-sid}/wait-time', () => {
  it('estimates for a caller joining now (behind everyone waiting), with the sentence callers hear', async () => {
    const { api } = buildTestApp({ snapshot });
    const res = await api('/api/queues/customers/wait-time');
    expect(res.status).toBe(200);
    // 5th in line, 90 served in 30 minutes: 20 s each → 100 s.
    expect(res.body).toEqual({
      queue: 'customers',
      position: 5,
      estimate: { kind: 'known', seconds: 100 },
      spoken: 'Your estimated wait is about 2 minutes.',
      seenOnTwilio: true,
      fetchedAt: new Date(NOW - 5_000).toISOString(),
      stale: false,
    });
  });

  it('finds the queue by its Voice or TaskRouter SID, and takes a position', async () => {
    const { api } = buildTestApp({ snapshot });
    for (const id of [`QU${'2'.repeat(32)}`, `WQ${'2'.repeat(32)}`]) {
      const res = await api(`/api/queues/${id}/wait-time?position=1`);
      expect(res.body).toMatchObject({
        queue: 'customers',
        position: 1,
        estimate: { kind: 'known', seconds: 20 },
      });
    }
  });

  it('says unknown, and nothing to speak, when the queue stats are stale', async () => {
    const { api } = buildTestApp({ snapshot });
    const res = await api('/api/queues/premium-customers/wait-time?position=2');
    expect(res.body).toMatchObject({
      estimate: { kind: 'unknown', reason: 'stale-stats' },
      spoken: null,
      stale: true,
    });
  });

  it('answers a configured queue Twilio has not listed yet: 200, its estimate unknown and why', async () => {
    const { api } = buildTestApp({
      env: { QUEUES: 'premium-customers,customers,launch' },
      snapshot,
    });
    const res = await api('/api/queues/launch/wait-time');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      queue: 'launch',
      position: null,
      estimate: { kind: 'unknown', reason: 'no-stats' },
      spoken: null,
      seenOnTwilio: false,
      fetchedAt: null,
      stale: true,
    });
  });

  it('answers 404 QUEUE_NOT_FOUND for an unknown queue and 400 for a bad position', async () => {
    const { api } = buildTestApp({ snapshot });
    const missing = await api('/api/queues/nobody/wait-time');
    expect(missing.status).toBe(404);
    expect(errorOf(missing)).toEqual({
      code: 'QUEUE_NOT_FOUND',
      message: 'No queue named or with SID "nobody"',
    });
    for (const position of ['0', '-1', 'two', '1.5', '9999999']) {
      const bad = await api(`/api/queues/customers/wait-time?position=${position}`);
      expect(bad.status).toBe(400);
      expect(errorOf(bad).code).toBe('INVALID_PARAMETER');
    }
  });
});
