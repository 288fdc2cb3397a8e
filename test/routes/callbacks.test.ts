import request from 'supertest';
import { newCallback, type CallbackStore } from '../../src/callbacks/callback.js';
import { FileCallbackStore } from '../../src/callbacks/file-callback-store.js';
import { defaultQueueMetadata, type QueueMetadata } from '../../src/metadata/queue-metadata.js';
import { BASE_URL, NOW, SAY, buildTestApp, freshStats, twiml } from '../support/test-app.js';

const CALLER = 'CA0123456789abcdef0123456789abcdef';
const PATH = '/api/queues/customers/metadata';

const turn = (params: Record<string, string>) => ({
  CallSid: CALLER,
  QueueSid: 'QU00000000000000000000000000000002',
  CurrentQueueSize: '6',
  From: '+14155550123',
  ...params,
});

const hold = (redirectQuery: string) =>
  `<Pause length="20"/><Redirect method="POST">${BASE_URL}/voice/wait?${redirectQuery}</Redirect>`;

/** The app with callbacks kept in memory and the customers queue's settings changed. */
async function withCallbacks(changes: Partial<QueueMetadata>, store?: CallbackStore) {
  const callbacks = store ?? (await FileCallbackStore.open(undefined));
  const app = buildTestApp({ snapshot: freshStats, callbacks });
  const res = await app.apiPut(PATH, { ...defaultQueueMetadata('customers'), ...changes }, '"1"');
  expect(res.status).toBe(200);
  return { ...app, callbacks };
}

const OFFER = 'To get a call back instead of holding, without losing your place in line, press 1.';

describe('the callback offer on a wait turn (POST /voice/wait)', () => {
  it('above the queue’s threshold, the announcement and the offer are in a one-key Gather', async () => {
    const { post } = await withCallbacks({ callbackOfferSeconds: 120 });
    // Two minutes in: entered at NOW - 120 s.
    const res = await post(
      '/voice/wait?queue=customers',
      turn({ QueuePosition: '3', QueueTime: '120' }),
    );

    expect(res.text).toBe(
      twiml(
        `<Gather numDigits="1" action="${BASE_URL}/voice/callback-offer?queue=customers&amp;entered=${NOW - 120_000}&amp;eta=180" method="POST" timeout="3">` +
          `${SAY}You are number 3 in line. Your estimated wait is about 3 minutes. ${OFFER}</Say></Gather>` +
          hold('queue=customers&amp;position=3&amp;announced=120'),
      ),
    );
  });

  it('at or below the threshold, no offer', async () => {
    const { post } = await withCallbacks({ callbackOfferSeconds: 180 });
    const res = await post(
      '/voice/wait?queue=customers',
      turn({ QueuePosition: '3', QueueTime: '0' }),
    );
    expect(res.text).toBe(
      twiml(
        `${SAY}You are number 3 in line. Your estimated wait is about 3 minutes.</Say>` +
          hold('queue=customers&amp;position=3&amp;announced=0'),
      ),
    );
  });

  it('off (no callbackOfferSeconds), no offer however long the wait', async () => {
    const { post } = await withCallbacks({});
    const res = await post(
      '/voice/wait?queue=customers',
      turn({ QueuePosition: '5', QueueTime: '0' }),
    );
    expect(res.text).not.toContain('Gather');
    expect(res.text).not.toContain('press 1');
  });

  it('a turn that does not announce the estimate makes no offer', async () => {
    const { post } = await withCallbacks({ callbackOfferSeconds: 0 });
    const res = await post(
      '/voice/wait?queue=customers&position=3&announced=0',
      turn({ QueuePosition: '3', QueueTime: '25' }),
    );
    expect(res.text).toBe(twiml(hold('queue=customers&amp;position=3&amp;announced=0')));
  });

  it('a caller’s position and estimate count the callbacks that entered before them', async () => {
    const store = await FileCallbackStore.open(undefined);
    const entered = (sid: string, at: number) =>
      store.request({
        queue: 'customers',
        phone: '+14155550100',
        callerCallSid: sid,
        enteredAt: at,
        requestedAt: NOW - 1000,
      });
    await entered('CA-before-1', NOW - 200_000);
    await entered('CA-before-2', NOW - 150_000);
    await entered('CA-after', NOW - 60_000);
    await store.request({
      ...newCallback({
        queue: 'sales',
        phone: '+14155550100',
        callerCallSid: 'CA-other',
        enteredAt: NOW - 300_000,
        requestedAt: NOW,
      }),
    });
    await store.move('cb-CA-before-2', ['waiting'], { state: 'dialing', at: NOW });
    const { post } = await withCallbacks({ callbackOfferSeconds: 3600 }, store);

    // Entered 100 s ago, third in Twilio's queue: two callbacks ahead make them fifth.
    const res = await post(
      '/voice/wait?queue=customers',
      turn({ QueuePosition: '3', QueueTime: '100' }),
    );
    expect(res.text).toBe(
      twiml(
        `${SAY}You are number 5 in line. Your estimated wait is about 5 minutes.</Say>` +
          hold('queue=customers&amp;position=5&amp;announced=100'),
      ),
    );
  });
});

const offerPath = (query = '') =>
  `/voice/callback-offer?queue=customers&entered=${NOW - 120_000}&eta=180${query}`;
const LEAVE_AT_CALLER_ID = twiml(
  `${SAY}Thank you. We will call you back at 1 4 1 5 5 5 5 0 1 2 3, in about 3 minutes, and you keep your place in line. You can hang up now. Goodbye.</Say><Leave/>`,
);
const BACK_TO_HOLD = twiml(
  `<Redirect method="POST">${BASE_URL}/voice/wait?queue=customers</Redirect>`,
);
const ASK =
  'Please enter the number we should call, starting with the country code, then press the pound key.';
const askNumber = (tries: number, lines: string) =>
  twiml(
    `<Gather numDigits="15" finishOnKey="#" action="${BASE_URL}/voice/callback-offer?queue=customers&amp;entered=${NOW - 120_000}&amp;eta=180&amp;step=number&amp;tries=${tries}" method="POST" timeout="8">` +
      `${SAY}${lines}</Say></Gather><Redirect method="POST">${BASE_URL}/voice/wait?queue=customers</Redirect>`,
  );

describe('callbacks counted ahead, read once a second per process', () => {
  it('a callback taken meanwhile counts from the next read, a second later', async () => {
    const { post, callbacks, setNow } = await withCallbacks({ callbackOfferSeconds: 3600 });
    const caller = (sid: string) =>
      post('/voice/wait?queue=customers', {
        ...turn({ QueuePosition: '2', QueueTime: '100' }),
        CallSid: sid,
      });
    expect((await caller('CA-a')).text).toContain('You are number 2 in line.');

    await callbacks.request({
      queue: 'customers',
      phone: '+14155550100',
      callerCallSid: 'CA-earlier',
      enteredAt: NOW - 500_000,
      requestedAt: NOW,
    });
    // The same instant: the read made for the first turn serves this one.
    expect((await caller('CA-b')).text).toContain('You are number 2 in line.');
    setNow(NOW + 1000);
    // QueueTime is the same, so the caller entered 1 s later: still after the callback.
    expect((await caller('CA-c')).text).toContain('You are number 3 in line.');
  });

  it('a store that cannot be read: Twilio’s position, and the next turn reads again', async () => {
    const store = await FileCallbackStore.open(undefined);
    let down = true;
    const flaky: CallbackStore = {
      request: (input) => store.request(input),
      get: (id) => store.get(id),
      move: (id, from, move) => store.move(id, from, move),
      close: () => store.close(),
      list: (filter) => (down ? Promise.reject(new Error('ECONNREFUSED')) : store.list(filter)),
      holdingPlace: (queue) =>
        down ? Promise.reject(new Error('ECONNREFUSED')) : store.holdingPlace(queue),
    };
    await store.request({
      queue: 'customers',
      phone: '+14155550100',
      callerCallSid: 'CA-earlier',
      enteredAt: NOW - 500_000,
      requestedAt: NOW,
    });
    const { post, logs } = await withCallbacks({ callbackOfferSeconds: 3600 }, flaky);
    const wait = () =>
      post('/voice/wait?queue=customers', turn({ QueuePosition: '2', QueueTime: '100' }));

    expect((await wait()).text).toContain('You are number 2 in line.');
    expect(logs).toContainEqual(
      expect.objectContaining({ msg: 'could not read callbacks; position without them' }),
    );
    down = false;
    expect((await wait()).text).toContain('You are number 3 in line.');
  });
});

describe('POST /voice/callback-offer', () => {
  it('1 with a callable caller ID: one callback at the caller’s place, then the caller leaves the queue', async () => {
    const { post, callbacks } = await withCallbacks({ callbackOfferSeconds: 120 });
    const res = await post(offerPath(), turn({ Digits: '1' }));

    expect(res.text).toBe(LEAVE_AT_CALLER_ID);
    expect(await callbacks.list()).toEqual([
      {
        id: `cb-${CALLER}`,
        queue: 'customers',
        phone: '+14155550123',
        callerCallSid: CALLER,
        enteredAt: NOW - 120_000,
        requestedAt: NOW,
        state: 'waiting',
        attempts: 0,
        history: [{ state: 'waiting', at: NOW }],
      },
    ]);
  });

  it('the same action again (Twilio repeats it) still makes one callback, and leaves again', async () => {
    const { post, callbacks } = await withCallbacks({ callbackOfferSeconds: 120 });
    await post(offerPath(), turn({ Digits: '1' }));
    const again = await post(offerPath(), turn({ Digits: '1' }));

    expect(again.text).toBe(LEAVE_AT_CALLER_ID);
    expect(await callbacks.list()).toHaveLength(1);
  });

  it('without a callable caller ID, asks for a number; a typed number makes the callback', async () => {
    const { post, callbacks } = await withCallbacks({ callbackOfferSeconds: 120 });
    const asked = await post(offerPath(), turn({ Digits: '1', From: 'anonymous' }));
    expect(asked.text).toBe(askNumber(0, ASK));
    expect(await callbacks.list()).toEqual([]);

    const typed = await post(
      offerPath('&step=number&tries=0'),
      turn({ Digits: '442079460000', From: 'anonymous' }),
    );
    expect(typed.text).toBe(
      twiml(
        `${SAY}Thank you. We will call you back at 4 4 2 0 7 9 4 6 0 0 0 0, in about 3 minutes, and you keep your place in line. You can hang up now. Goodbye.</Say><Leave/>`,
      ),
    );
    expect((await callbacks.list()).map((c) => [c.phone, c.enteredAt])).toEqual([
      ['+442079460000', NOW - 120_000],
    ]);
  });

  it('a number that cannot be called is asked again once, then the caller keeps holding', async () => {
    const { post, callbacks } = await withCallbacks({ callbackOfferSeconds: 120 });
    const first = await post(offerPath('&step=number&tries=0'), turn({ Digits: '12' }));
    expect(first.text).toBe(askNumber(1, `Sorry, we could not use that number. ${ASK}`));

    const second = await post(offerPath('&step=number&tries=1'), turn({ Digits: '999' }));
    expect(second.text).toBe(
      twiml(
        `${SAY}Sorry, we could not use that number. You keep your place in line. Please stay on the line.</Say>` +
          `<Redirect method="POST">${BASE_URL}/voice/wait?queue=customers</Redirect>`,
      ),
    );
    expect(await callbacks.list()).toEqual([]);
  });

  it('any other key goes back to holding, no callback', async () => {
    const { post, callbacks } = await withCallbacks({ callbackOfferSeconds: 120 });
    expect((await post(offerPath(), turn({ Digits: '2' }))).text).toBe(BACK_TO_HOLD);
    expect(await callbacks.list()).toEqual([]);
  });

  it('with the offer turned off meanwhile, goes back to holding, no callback', async () => {
    const { post, callbacks } = await withCallbacks({});
    expect((await post(offerPath(), turn({ Digits: '1' }))).text).toBe(BACK_TO_HOLD);
    expect(await callbacks.list()).toEqual([]);
  });

  it('a store that fails keeps the caller holding in their place', async () => {
    const failing: CallbackStore = {
      ...(await FileCallbackStore.open(undefined)),
      request: () => Promise.reject(new Error('connect ECONNREFUSED')),
      list: () => Promise.resolve([]),
      holdingPlace: () => Promise.resolve([]),
      get: () => Promise.resolve(undefined),
      move: () => Promise.resolve(undefined),
      close: () => Promise.resolve(),
    };
    const { post } = await withCallbacks({ callbackOfferSeconds: 120 }, failing);
    const res = await post(offerPath(), turn({ Digits: '1' }));

    expect(res.status).toBe(200);
    expect(res.text).toBe(
      twiml(
        `${SAY}Sorry, we cannot arrange a call back right now. You keep your place in line.</Say>` +
          `<Redirect method="POST">${BASE_URL}/voice/wait</Redirect>`,
      ),
    );
  });

  it('an unsigned request is refused', async () => {
    const { app } = await withCallbacks({ callbackOfferSeconds: 120 });
    const res = await request(app)
      .post(offerPath())
      .type('form')
      .send(turn({ Digits: '1' }));
    expect(res.status).toBe(400);
  });
});

describe('leaving the queue for a callback (POST /voice/queue-result)', () => {
  it('is a callback departure: the caller hears when they will be called, the learner no abandonment', async () => {
    const { post, events } = await withCallbacks({ callbackOfferSeconds: 120 });
    await post(offerPath(), turn({ Digits: '1' }));
    const res = await post(
      '/voice/queue-result?queue=customers',
      turn({ QueueResult: 'leave', QueueTime: '121' }),
    );

    expect(res.text).toBe(
      twiml(`${SAY}We will call you back when it is your turn. Goodbye.</Say><Hangup/>`),
    );
    expect(await events.since('customers', 0)).toEqual([
      { queue: 'customers', outcome: 'callback', waitSeconds: 121, at: NOW, callSid: CALLER },
    ]);
  });

  it('a leave without a callback is still a plain leave', async () => {
    const { post, events } = await withCallbacks({ callbackOfferSeconds: 120 });
    await post(
      '/voice/queue-result?queue=customers',
      turn({ QueueResult: 'leave', QueueTime: '30' }),
    );
    expect((await events.since('customers', 0)).map((e) => e.outcome)).toEqual(['left']);
  });
});

describe('GET /api/callbacks', () => {
  it('lists every callback, oldest place first, filtered by queue and state', async () => {
    const { post, api, callbacks } = await withCallbacks({ callbackOfferSeconds: 120 });
    await post(offerPath(), turn({ Digits: '1' }));
    await callbacks.request({
      queue: 'customers',
      phone: '+14155550199',
      callerCallSid: 'CA-older',
      enteredAt: NOW - 500_000,
      requestedAt: NOW - 100_000,
    });
    await callbacks.move('cb-CA-older', ['waiting'], {
      state: 'failed',
      at: NOW - 1000,
      note: 'no-answer',
    });

    const all = await api('/api/callbacks');
    expect(all.status).toBe(200);
    expect(all.headers['cache-control']).toBe('no-store');
    expect((all.body as { callbacks: { id: string; state: string }[] }).callbacks).toEqual([
      expect.objectContaining({
        id: 'cb-CA-older',
        state: 'failed',
        enteredAt: new Date(NOW - 500_000).toISOString(),
      }),
      {
        id: `cb-${CALLER}`,
        queue: 'customers',
        phone: '+14155550123',
        callerCallSid: CALLER,
        state: 'waiting',
        enteredAt: new Date(NOW - 120_000).toISOString(),
        requestedAt: new Date(NOW).toISOString(),
        attempts: 0,
        history: [{ state: 'waiting', at: new Date(NOW).toISOString() }],
      },
    ]);
    const waiting = await api('/api/callbacks?queue=customers&state=waiting');
    expect((waiting.body as { callbacks: { id: string }[] }).callbacks.map((c) => c.id)).toEqual([
      `cb-${CALLER}`,
    ]);
    const none = await api('/api/callbacks?queue=sales');
    expect(none.body).toEqual({ callbacks: [] });
  });

  it('a state that does not exist is a 400 naming the parameter', async () => {
    const { api } = await withCallbacks({});
    const res = await api('/api/callbacks?state=lost');
    expect(res.status).toBe(400);
    expect(
      (res.body as { error: { code: string; problems: { path: string }[] } }).error,
    ).toMatchObject({
      code: 'INVALID_PARAMETER',
      problems: [{ path: 'state', message: expect.stringContaining('waiting') as unknown }],
    });
  });

  it('without the bearer token, 401', async () => {
    const { app } = await withCallbacks({});
    const res = await request(app).get('/api/callbacks');
    expect(res.status).toBe(401);
  });

  it('a store that cannot be read is a 503', async () => {
    const store = await FileCallbackStore.open(undefined);
    const failing: CallbackStore = {
      request: (input) => store.request(input),
      get: (id) => store.get(id),
      move: (id, from, move) => store.move(id, from, move),
      close: () => store.close(),
      list: () => Promise.reject(new Error('connect ECONNREFUSED')),
      holdingPlace: (queue) => store.holdingPlace(queue),
    };
    const { api } = await withCallbacks({}, failing);
    const res = await api('/api/callbacks');
    expect(res.status).toBe(503);
    expect((res.body as { error: { code: string } }).error.code).toBe('CALLBACKS_UNAVAILABLE');
  });
});

describe('the rep loop with callbacks on (GET|POST /rep-call-complete)', () => {
  const dial = (queue: string) =>
    twiml(
      `<Dial timeout="1" action="${BASE_URL}/rep-call-complete?queue=${queue}" method="POST"><Queue url="${BASE_URL}/voice/dequeued?queue=${queue}" method="POST">${queue}</Queue></Dial>`,
    );
  const rep = (params: Record<string, string> = {}) => ({
    CallSid: 'CAfeedfacefeedfacefeedfacefeedface',
    ...params,
  });

  it('tries the queue’s callbacks right before the queue, premium first', async () => {
    const { post } = await withCallbacks({ callbackOfferSeconds: 120 });
    const after = async (queue: string) =>
      (await post(`/rep-call-complete?queue=${queue}`, rep({ DequeueResult: 'queue-empty' }))).text;

    expect((await post('/rep-call-complete', rep())).text).toBe(dial('premium-customers'));
    expect(await after('premium-customers')).toBe(dial('customers-callbacks'));
    expect(await after('customers-callbacks')).toBe(dial('customers'));
    expect(await after('customers')).toContain('<Pause length="5"/>');
  });

  it('with callbacks off for the queue, no callback queue is tried', async () => {
    const { post } = await withCallbacks({});
    const res = await post(
      '/rep-call-complete?queue=premium-customers',
      rep({ DequeueResult: 'queue-empty' }),
    );
    expect(res.text).toBe(dial('customers'));
  });
});
