import request from 'supertest';
import { NOW, buildTestApp, snapshotOf, unreachableStore } from '../support/test-app.js';

describe('GET /healthz and /readyz', () => {
  it('healthz answers while the process runs', async () => {
    const { app } = buildTestApp({ stats: unreachableStore });
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  const cycle = {
    startedAt: NOW - 12_400,
    durationMs: 400,
    requests: 3,
    retries: 1,
    failedQueues: 1,
    complete: false,
  };

  it('readyz reports the age of the stats, stale queues and the last cycle', async () => {
    const { app } = buildTestApp({
      snapshot: {
        fetchedAt: NOW - 12_000,
        queues: [
          { name: 'customers', fetchedAt: NOW - 40_000, stale: true },
          { name: 'premium-customers', fetchedAt: NOW - 12_000, stale: false },
        ],
        cycle,
      },
    });
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ready',
      store: 'ok',
      stats: 'fresh',
      statsAgeSeconds: 12,
      staleQueues: 1,
      lastCycle: cycle,
    });
  });

  it('readyz answers 503 before the first snapshot', async () => {
    const { app } = buildTestApp();
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'unavailable', store: 'ok', stats: 'none' });
  });

  it('readyz answers 503 when the poller has missed three periods', async () => {
    const { app } = buildTestApp({ snapshot: { ...snapshotOf(), fetchedAt: NOW - 46_000 } });
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      status: 'unavailable',
      store: 'ok',
      stats: 'stale',
      statsAgeSeconds: 46,
    });
  });

  it('readyz answers 503 when the stats store is unreachable, with what this process holds', async () => {
    const { app } = buildTestApp({
      stats: {
        ...unreachableStore,
        currentSnapshot: () => ({ ...snapshotOf(), fetchedAt: NOW - 5_000 }),
      },
    });
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      status: 'unavailable',
      store: 'unreachable',
      stats: 'fresh',
      statsAgeSeconds: 5,
      staleQueues: 0,
      lastCycle: null,
    });
  });
});

describe('unknown routes', () => {
  it('answer 404 with a JSON error code', async () => {
    const { app } = buildTestApp();
    const res = await request(app).get('/voice/nowhere');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: { code: 'NOT_FOUND', message: 'No route for GET /voice/nowhere' },
    });
  });
});
