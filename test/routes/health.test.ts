import request from 'supertest';
import { NOW, buildTestApp, snapshotOf, unreachableStore } from '../support/test-app.js';

describe('GET /healthz and /readyz', () => {
  it('healthz answers while the process runs', async () => {
    const { app } = buildTestApp({ stats: unreachableStore });
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('readyz reports the age of the stats', async () => {
    const { app } = buildTestApp({ snapshot: { ...snapshotOf(), fetchedAt: NOW - 12_000 } });
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ready', store: 'ok', statsAgeSeconds: 12 });
  });

  it('readyz answers 503 when the stats store is unreachable', async () => {
    const { app } = buildTestApp({ stats: unreachableStore });
    const res = await request(app).get('/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toEqual({
      status: 'unavailable',
      store: 'unreachable',
      statsAgeSeconds: null,
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
