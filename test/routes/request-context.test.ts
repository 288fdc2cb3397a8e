import request from 'supertest';
import { buildTestApp } from '../support/test-app.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids', () => {
  it.each(['debug', 'info'] as const)(
    'at %s, echo a sane X-Request-Id and replace an unsafe one',
    async (logLevel) => {
      const { app } = buildTestApp({ logLevel });
      const sane = await request(app).get('/healthz').set('X-Request-Id', 'edge-42');
      const unsafe = await request(app).get('/healthz').set('X-Request-Id', 'a b\tc');
      expect(sane.headers['x-request-id']).toBe('edge-42');
      expect(unsafe.headers['x-request-id']).toMatch(UUID);
    },
  );

  it('at debug, give every answer an id and log it with the access line', async () => {
    const { app, logs } = buildTestApp({ logLevel: 'debug' });
    const res = await request(app).get('/healthz');
    expect(res.headers['x-request-id']).toMatch(UUID);
    expect(logs).toContainEqual(
      expect.objectContaining({
        msg: 'request finished',
        reqId: res.headers['x-request-id'],
        path: '/healthz',
        status: 200,
      }),
    );
  });

  it('at info, make no id (and write no line) for an answer with nothing to log', async () => {
    const { app, logs } = buildTestApp({ logLevel: 'info' });
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(200);
    expect(res.headers['x-request-id']).toBeUndefined();
    expect(logs).toEqual([]);
  });

  it('at info, give a refused request the id its log line carries', async () => {
    const { app, logs } = buildTestApp({ logLevel: 'info' });
    const res = await request(app).post('/voice/wait').type('form').send('QueuePosition=3');
    expect(res.status).toBe(400);
    expect(res.headers['x-request-id']).toMatch(UUID);
    expect(logs).toEqual([
      expect.objectContaining({
        code: 'SIGNATURE_MISSING',
        reqId: res.headers['x-request-id'],
        method: 'POST',
        path: '/voice/wait',
      }),
    ]);
  });
});
