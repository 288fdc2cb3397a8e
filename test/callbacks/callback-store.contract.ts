import type { CallbackStore, NewCallback } from '../../src/callbacks/callback.js';

export const T0 = Date.UTC(2026, 11, 7, 15, 0, 0);

export const aliceRequest: NewCallback = {
  queue: 'support',
  phone: '+14155550101',
  callerCallSid: 'CA00000000000000000000000000000001',
  enteredAt: T0 - 300_000,
  requestedAt: T0,
};

const bobRequest: NewCallback = {
  queue: 'support',
  phone: '+14155550102',
  callerCallSid: 'CA00000000000000000000000000000002',
  enteredAt: T0 - 600_000,
  requestedAt: T0 + 1000,
};

/**
 * What every CallbackStore does. Call inside a describe. `open` gives an empty store per test;
 * `reopen` opens the same data again, as a restart (embedded) or another connection (Redis).
 */
export function callbackStoreContract(
  open: () => Promise<CallbackStore>,
  reopen: () => Promise<CallbackStore>,
): void {
  let store: CallbackStore;

  beforeEach(async () => {
    store = await open();
  });

  it('a request makes a waiting callback that holds the caller’s place', async () => {
    const { callback, created } = await store.request(aliceRequest);

    expect(created).toBe(true);
    expect(callback).toEqual({
      id: 'cb-CA00000000000000000000000000000001',
      queue: 'support',
      phone: '+14155550101',
      callerCallSid: 'CA00000000000000000000000000000001',
      enteredAt: T0 - 300_000,
      requestedAt: T0,
      state: 'waiting',
      attempts: 0,
      history: [{ state: 'waiting', at: T0 }],
    });
    expect(await store.get(callback.id)).toEqual(callback);
  });

  it('a repeated request for the same call finds the first, and makes no second', async () => {
    const first = await store.request(aliceRequest);
    const again = await store.request({
      ...aliceRequest,
      phone: '+14155559999',
      requestedAt: T0 + 5,
    });

    expect(again).toEqual({ callback: first.callback, created: false });
    expect(await store.list()).toHaveLength(1);
  });

  it('requests arriving together make one callback', async () => {
    const answers = await Promise.all([store.request(aliceRequest), store.request(aliceRequest)]);

    expect(answers.map((a) => a.created).sort()).toEqual([false, true]);
    expect(await store.list()).toHaveLength(1);
  });

  it('lists oldest place first, filtered by queue and state', async () => {
    await store.request(aliceRequest);
    await store.request(bobRequest);
    await store.request({ ...aliceRequest, queue: 'sales', callerCallSid: 'CA3' });
    await store.move('cb-CA3', ['waiting'], { state: 'failed', at: T0 + 9 });

    expect((await store.list()).map((c) => c.id)).toEqual([
      'cb-CA00000000000000000000000000000002',
      'cb-CA00000000000000000000000000000001',
      'cb-CA3',
    ]);
    expect((await store.list({ queue: 'sales' })).map((c) => c.id)).toEqual(['cb-CA3']);
    expect((await store.list({ state: 'waiting' })).map((c) => c.id)).toEqual([
      'cb-CA00000000000000000000000000000002',
      'cb-CA00000000000000000000000000000001',
    ]);
    expect(await store.list({ queue: 'support', state: 'failed' })).toEqual([]);
  });

  it('those holding a place: waiting or dialing, of a queue or all, and never once ended', async () => {
    await store.request(aliceRequest);
    await store.request(bobRequest);
    await store.request({ ...aliceRequest, queue: 'sales', callerCallSid: 'CA3' });
    await store.request({ ...aliceRequest, callerCallSid: 'CA4' });
    await store.move('cb-CA3', ['waiting'], { state: 'dialing', at: T0 + 9 });
    await store.move('cb-CA4', ['waiting'], { state: 'dialing', at: T0 + 9 });
    await store.move('cb-CA4', ['dialing'], { state: 'connected', at: T0 + 10 });

    expect((await store.holdingPlace()).map((c) => [c.id, c.state])).toEqual([
      ['cb-CA00000000000000000000000000000002', 'waiting'],
      ['cb-CA00000000000000000000000000000001', 'waiting'],
      ['cb-CA3', 'dialing'],
    ]);
    expect((await store.holdingPlace('sales')).map((c) => c.id)).toEqual(['cb-CA3']);
    expect(await store.holdingPlace('nobody')).toEqual([]);
  });

  it('a move happens only from the states it names, and keeps the history', async () => {
    const { callback } = await store.request(aliceRequest);

    expect(await store.move(callback.id, ['dialing'], { state: 'connected', at: T0 + 1 })).toBe(
      undefined,
    );
    const dialing = await store.move(callback.id, ['waiting'], {
      state: 'dialing',
      at: T0 + 2,
      countAttempt: true,
    });
    expect(dialing).toMatchObject({ state: 'dialing', attempts: 1 });
    const failed = await store.move(callback.id, ['dialing'], {
      state: 'failed',
      at: T0 + 3,
      note: 'no-answer',
    });

    expect(failed?.history).toEqual([
      { state: 'waiting', at: T0 },
      { state: 'dialing', at: T0 + 2 },
      { state: 'failed', at: T0 + 3, note: 'no-answer' },
    ]);
    expect(await store.get(callback.id)).toEqual(failed);
    expect(await store.move('cb-nobody', ['waiting'], { state: 'dialing', at: T0 })).toBe(
      undefined,
    );
  });

  it('two moves from the same state at once: exactly one happens', async () => {
    const { callback } = await store.request(aliceRequest);
    const moves = await Promise.all([
      store.move(callback.id, ['waiting'], { state: 'dialing', at: T0 + 1, countAttempt: true }),
      store.move(callback.id, ['waiting'], { state: 'dialing', at: T0 + 1, countAttempt: true }),
    ]);

    expect(moves.filter((m) => m !== undefined)).toHaveLength(1);
    expect((await store.get(callback.id))?.attempts).toBe(1);
  });

  it('what resolved is there after a restart, and still idempotent', async () => {
    const { callback } = await store.request(aliceRequest);
    await store.request(bobRequest);
    await store.move(callback.id, ['waiting'], {
      state: 'dialing',
      at: T0 + 2,
      countAttempt: true,
    });
    await store.close();

    const restarted = await reopen();
    store = restarted;
    expect((await restarted.list()).map((c) => [c.id, c.state, c.attempts])).toEqual([
      ['cb-CA00000000000000000000000000000002', 'waiting', 0],
      ['cb-CA00000000000000000000000000000001', 'dialing', 1],
    ]);
    expect((await restarted.request(aliceRequest)).created).toBe(false);
  });
}
