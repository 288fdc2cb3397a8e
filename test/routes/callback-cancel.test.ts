import request from 'supertest';
import type { CallbackStore } from '../../src/callbacks/callback.js';
import { FileCallbackStore } from '../../src/callbacks/file-callback-store.js';
import { API_TOKEN, NOW, buildTestApp, freshStats } from '../support/test-app.js';

const ID = 'cb-CA0123456789abcdef0123456789abcdef';

async function withWaitingCallback(store?: CallbackStore) {
  const callbacks = store ?? (await FileCallbackStore.open(undefined));
  await callbacks.request({
    queue: 'customers',
    phone: '+14155550123',
    callerCallSid: 'CA0123456789abcdef0123456789abcdef',
    enteredAt: NOW - 600_000,
    requestedAt: NOW - 500_000,
  });
  const { app } = buildTestApp({ snapshot: freshStats, callbacks });
  const cancel = (id: string) =>
    request(app).post(`/api/callbacks/${id}/cancel`).set('Authorization', `Bearer ${API_TOKEN}`);
  return { app, callbacks, cancel };
}

const errorCode = (body: unknown) => (body as { error: { code: string } }).error.code;

describe('POST /api/callbacks/{id}/cancel', () => {
  it('cancels a waiting callback: it no longer holds a place', async () => {
    const { callbacks, cancel } = await withWaitingCallback();
    const res = await cancel(ID);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      callback: {
        id: ID,
        state: 'canceled',
        history: [
          { state: 'waiting' },
          { state: 'canceled', at: new Date(NOW).toISOString(), note: 'canceled through the API' },
        ],
      },
    });
    expect((await callbacks.get(ID))?.state).toBe('canceled');
    expect(await callbacks.holdingPlace('customers')).toEqual([]);
  });

  it('twice: the second answers the canceled callback and changes nothing', async () => {
    const { callbacks, cancel } = await withWaitingCallback();
    await cancel(ID);
    const again = await cancel(ID);
    expect(again.status).toBe(200);
    expect((await callbacks.get(ID))?.history).toHaveLength(2);
  });

  it('one being dialed is a 409 and keeps dialing', async () => {
    const { callbacks, cancel } = await withWaitingCallback();
    await callbacks.move(ID, ['waiting'], { state: 'dialing', at: NOW });
    const res = await cancel(ID);
    expect(res.status).toBe(409);
    expect(errorCode(res.body)).toBe('CALLBACK_NOT_WAITING');
    expect((await callbacks.get(ID))?.state).toBe('dialing');
  });

  it('an unknown id is a 404', async () => {
    const { cancel } = await withWaitingCallback();
    const res = await cancel('cb-CAnothing');
    expect(res.status).toBe(404);
    expect(errorCode(res.body)).toBe('CALLBACK_NOT_FOUND');
  });

  it('a store that fails is a 503, and nothing changes', async () => {
    const store = await FileCallbackStore.open(undefined);
    const failing: CallbackStore = {
      request: (input) => store.request(input),
      get: (id) => store.get(id),
      list: (filter) => store.list(filter),
      holdingPlace: (queue) => store.holdingPlace(queue),
      close: () => store.close(),
      move: () => Promise.reject(new Error('store down')),
    };
    const { cancel } = await withWaitingCallback(failing);
    const res = await cancel(ID);
    expect(res.status).toBe(503);
    expect(errorCode(res.body)).toBe('CALLBACKS_UNAVAILABLE');
    expect((await store.get(ID))?.state).toBe('waiting');
  });

  it('without the bearer token, 401 and nothing changes', async () => {
    const { app, callbacks } = await withWaitingCallback();
    const res = await request(app).post(`/api/callbacks/${ID}/cancel`);
    expect(res.status).toBe(401);
    expect((await callbacks.get(ID))?.state).toBe('waiting');
  });
});
