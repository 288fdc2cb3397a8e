import { FileCallbackStore } from '../../src/callbacks/file-callback-store.js';
import { callbackCampaignId, settleCallbacks } from '../../src/dialer/callback-dialing.js';
import { defaultQueueMetadata } from '../../src/metadata/queue-metadata.js';
import { eventually } from '../support/eventually.js';
import { CALLER_ID, QUEUE, startDialingHarness, type DialingHarness } from './dialing-harness.js';

/**
 * A callback dialed through the outbound engine against the emulator: the queue service, the
 * account's pace, the SDK, the emulator's calls and their signed webhooks, in real time.
 */
describe('dialing a due callback against the emulator', () => {
  let h: DialingHarness;
  jest.setTimeout(30_000);
  afterEach(() => h.close());

  it('dials it once however often it is looked at, with no rep parked for it, and ends it failed without a take', async () => {
    h = await startDialingHarness();
    const phone = '+14155550177';
    h.emulator.calls.script(phone, 'human');
    const callbacks = await FileCallbackStore.open(undefined);
    const now = Date.now();
    const { callback } = await callbacks.request({
      queue: QUEUE,
      phone,
      callerCallSid: 'CAcaller',
      enteredAt: now - 600_000,
      requestedAt: now - 60_000,
    });
    const look = () =>
      settleCallbacks({
        callbacks,
        campaigns: h.campaigns,
        control: h.control,
        // The queue is empty, as polled just now: the callback is due.
        snapshot: () => ({
          fetchedAt: Date.now(),
          queues: [{ name: QUEUE, fetchedAt: Date.now(), waitingCallers: 0 }],
        }),
        metadata: (queue) =>
          Promise.resolve({
            ...defaultQueueMetadata(queue),
            callbackOfferSeconds: 60,
            callbackMaxAttempts: 1,
          }),
        callerId: CALLER_ID,
        refreshSeconds: 5,
        clock: { now: () => Date.now() },
        logger: h.logs.logger,
      });

    const id = callbackCampaignId(callback);
    await eventually(
      async () => {
        await look();
        expect((await callbacks.get(callback.id))?.state).toBe('failed');
      },
      { withinMs: 15_000 },
    );

    // The emulator's own record: one call, to the caller, from the callback caller ID.
    expect(h.emulator.calls.list().map((c) => [c.request.to, c.request.from])).toEqual([
      [phone, CALLER_ID],
    ]);
    // Answered and held in the callback queue; nobody took them (the emulator has no reps).
    expect((await h.campaigns.dispositions(id)).map((d) => d.outcome)).toEqual(['abandoned']);
    expect((await callbacks.get(callback.id))?.attempts).toBe(1);
    // The answer: who is calling, then into the callback queue with the ordinary wait turns
    // (this harness's emulator does not play TwiML: the wait turns themselves are not run).
    const [call] = h.emulator.calls.list();
    // The call's webhooks may still be on their way when a lookup of the call ended it.
    await eventually(() => expect(call?.twiml).not.toBeNull(), { withinMs: 5_000 });
    expect(call?.twiml).toContain(
      'This is the call back you asked for from outbound-sales. Please hold: you keep your place in line.',
    );
    expect(call?.twiml).toContain(
      '/voice/wait?queue=outbound-sales-callbacks" waitUrlMethod="POST"',
    );
    expect(call?.twiml).toContain('>outbound-sales-callbacks</Enqueue>');
  });
});
