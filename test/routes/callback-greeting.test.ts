import { FileCallbackStore } from '../../src/callbacks/file-callback-store.js';
import { NOW, buildTestApp, freshStats } from '../support/test-app.js';

/** The app with `held` callbacks holding a place in customers (6 callers wait there). */
async function withCallbacksHolding(held: number) {
  const callbacks = await FileCallbackStore.open(undefined);
  for (let i = 0; i < held; i += 1) {
    await callbacks.request({
      queue: 'customers',
      phone: '+14155550123',
      callerCallSid: `CAcallback${i}`,
      enteredAt: NOW - 900_000,
      requestedAt: NOW - 800_000,
    });
  }
  return buildTestApp({ snapshot: freshStats, callbacks });
}

const greetingOf = async (app: Awaited<ReturnType<typeof withCallbacksHolding>>) =>
  (
    await app.post('/voice/incoming?queue=customers', {
      CallSid: 'CAnew0000000000000000000000000001',
      From: '+14155550999',
    })
  ).text;

describe('a new caller stands behind the callbacks holding a place', () => {
  it('the API’s new-caller position counts them', async () => {
    const none = await withCallbacksHolding(0);
    const three = await withCallbacksHolding(3);
    const position = async (app: typeof none) =>
      ((await app.api('/api/queues/customers/wait-time')).body as { position: number }).position;

    expect(await position(none)).toBe(7);
    expect(await position(three)).toBe(10);
  });

  it('the greeting says the estimate for that position, the one the first wait turn will say', async () => {
    const three = await withCallbacksHolding(3);
    const res = await three.api('/api/queues/customers/wait-time?position=10');
    const { estimate } = res.body as { estimate: { seconds: number } };
    const minutes = Math.round(estimate.seconds / 60);

    expect(await greetingOf(three)).toContain(`about ${minutes} minutes`);
    expect(await greetingOf(await withCallbacksHolding(0))).not.toContain(
      `about ${minutes} minutes`,
    );
  });

  it('a wait turn counts them too, with the offer off (the queue does not offer callbacks here)', async () => {
    const three = await withCallbacksHolding(3);
    const res = await three.post('/voice/wait?queue=customers', {
      CallSid: 'CAnew0000000000000000000000000001',
      QueueSid: 'QU00000000000000000000000000000002',
      QueuePosition: '2',
      QueueTime: '60',
      CurrentQueueSize: '6',
    });
    expect(res.text).toContain('You are number 5 in line.');
    expect(res.text).not.toContain('Gather');
  });
});
