import request from 'supertest';
import { FileCallbackStore } from '../../src/callbacks/file-callback-store.js';
import { ADMIN_TOKEN, BASE_URL, NOW, buildTestApp } from '../support/test-app.js';
import { sessionCookieOf } from './admin-router-app.js';

/*
 * GET /admin/api/callbacks: the callbacks list under the admin session, the same answer as
 * /api/callbacks, for the page: its filters, and a 404 the page reads as "callbacks are off".
 * (The session rules: admin-voicemails.test.ts.)
 */

async function appWithCallbacks(options: { callbacks?: boolean } = {}) {
  const callbacks = await FileCallbackStore.open(undefined);
  const built = buildTestApp(options.callbacks === false ? {} : { callbacks });
  const logIn = async () => {
    const login = await request(built.app)
      .post('/admin/login')
      .type('form')
      .set('Origin', BASE_URL)
      .send({ token: ADMIN_TOKEN });
    const cookie = sessionCookieOf(login.headers['set-cookie']) ?? '';
    return (path: string) => request(built.app).get(path).set('Cookie', cookie);
  };
  return { ...built, callbacks, logIn };
}

const ADA = {
  queue: 'customers',
  phone: '+14155550101',
  callerCallSid: 'CA00000000000000000000000000000001',
  enteredAt: NOW - 300_000,
  requestedAt: NOW - 240_000,
};
const BOB = {
  queue: 'premium-customers',
  phone: '+14155550102',
  callerCallSid: 'CA00000000000000000000000000000002',
  enteredAt: NOW - 200_000,
  requestedAt: NOW - 100_000,
};

describe('GET /admin/api/callbacks', () => {
  it('lists them as /api/callbacks does, filtered by state and queue', async () => {
    const { callbacks, logIn, api } = await appWithCallbacks();
    await callbacks.request(ADA);
    const { callback: bob } = await callbacks.request(BOB);
    await callbacks.move(bob.id, ['waiting'], {
      state: 'failed',
      at: NOW - 10_000,
      note: 'not reached after 3 calls',
      attempts: 3,
    });
    const get = await logIn();

    const all = await get('/admin/api/callbacks');
    expect(all.status).toBe(200);
    expect(all.body).toEqual((await api('/api/callbacks')).body);
    expect(all.body).toEqual({
      callbacks: [
        {
          id: 'cb-CA00000000000000000000000000000001',
          queue: 'customers',
          phone: '+14155550101',
          callerCallSid: 'CA00000000000000000000000000000001',
          state: 'waiting',
          enteredAt: '2026-11-23T09:55:00.000Z',
          requestedAt: '2026-11-23T09:56:00.000Z',
          attempts: 0,
          history: [{ state: 'waiting', at: '2026-11-23T09:56:00.000Z' }],
        },
        {
          id: 'cb-CA00000000000000000000000000000002',
          queue: 'premium-customers',
          phone: '+14155550102',
          callerCallSid: 'CA00000000000000000000000000000002',
          state: 'failed',
          enteredAt: '2026-11-23T09:56:40.000Z',
          requestedAt: '2026-11-23T09:58:20.000Z',
          attempts: 3,
          history: [
            { state: 'waiting', at: '2026-11-23T09:58:20.000Z' },
            { state: 'failed', at: '2026-11-23T09:59:50.000Z', note: 'not reached after 3 calls' },
          ],
        },
      ],
    });

    const failed = await get('/admin/api/callbacks?state=failed');
    expect((failed.body as { callbacks: { id: string }[] }).callbacks.map((c) => c.id)).toEqual([
      bob.id,
    ]);
    const customers = await get('/admin/api/callbacks?queue=customers');
    expect((customers.body as { callbacks: { id: string }[] }).callbacks.map((c) => c.id)).toEqual([
      'cb-CA00000000000000000000000000000001',
    ]);
    const wrong = await get('/admin/api/callbacks?state=lost');
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: { code: 'INVALID_PARAMETER' } });
  });

  it('without a callback store: 404, as every unknown admin API route', async () => {
    const { logIn } = await appWithCallbacks({ callbacks: false });
    const res = await (await logIn())('/admin/api/callbacks');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
