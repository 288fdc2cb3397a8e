import { FileCallbackStore } from '../../src/callbacks/file-callback-store.js';
import type { CallbackStore } from '../../src/callbacks/callback.js';
import { defaultQueueMetadata } from '../../src/metadata/queue-metadata.js';
import { BASE_URL, NOW, buildTestApp, freshStats, twiml } from '../support/test-app.js';

const dial = (queue: string) =>
  twiml(
    `<Dial timeout="1" action="${BASE_URL}/rep-call-complete?queue=${queue}" method="POST"><Queue url="${BASE_URL}/voice/dequeued?queue=${queue}" method="POST">${queue}</Queue></Dial>`,
  );
const REP = { CallSid: 'CAfeedfacefeedfacefeedfacefeedface', DequeueResult: 'queue-empty' };

/** The app with the callback offer off for every queue, and one callback of customers. */
async function offerOffWithCallback(dialing: boolean) {
  const callbacks = await FileCallbackStore.open(undefined);
  const { callback } = await callbacks.request({
    queue: 'customers',
    phone: '+14155550123',
    callerCallSid: 'CA0123456789abcdef0123456789abcdef',
    enteredAt: NOW - 600_000,
    requestedAt: NOW - 500_000,
  });
  if (dialing)
    await callbacks.move(callback.id, ['waiting'], {
      state: 'dialing',
      at: NOW,
      countAttempt: true,
    });
  const app = buildTestApp({ snapshot: freshStats, callbacks });
  const res = await app.apiPut(
    '/api/queues/customers/metadata',
    defaultQueueMetadata('customers'),
    '"1"',
  );
  expect(res.status).toBe(200);
  return { ...app, callbacks };
}

const afterPremium = async (app: Pick<ReturnType<typeof buildTestApp>, 'post'>) =>
  (await app.post('/rep-call-complete?queue=premium-customers', REP)).text;

describe('the rep loop while a callback is dialed and the offer is off', () => {
  it('keeps the queue’s callback queue in the round, so an answered callee is taken', async () => {
    const app = await offerOffWithCallback(true);
    expect(await afterPremium(app)).toBe(dial('customers-callbacks'));
    const next = await app.post('/rep-call-complete?queue=customers-callbacks', REP);
    expect(next.text).toBe(dial('customers'));
  });

  it('a callback still waiting to be dialed adds nothing to the round', async () => {
    const app = await offerOffWithCallback(false);
    expect(await afterPremium(app)).toBe(dial('customers'));
  });

  it('a store that cannot be read leaves the round as the offer says', async () => {
    const app = await offerOffWithCallback(true);
    const store = app.callbacks;
    const failing: CallbackStore = {
      request: (input) => store.request(input),
      get: (id) => store.get(id),
      list: (filter) => store.list(filter),
      move: (id, from, move) => store.move(id, from, move),
      close: () => store.close(),
      holdingPlace: () => Promise.reject(new Error('store down')),
    };
    const broken = buildTestApp({ snapshot: freshStats, callbacks: failing });
    expect(await afterPremium(broken)).toBe(dial('customers'));
  });
});
