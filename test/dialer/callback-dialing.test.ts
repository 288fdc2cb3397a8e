import { FileCallbackStore } from '../../src/callbacks/file-callback-store.js';
import type { CallbackStore } from '../../src/callbacks/callback.js';
import { callbackCampaignId, settleCallbacks } from '../../src/dialer/callback-dialing.js';
import { defaultQueueMetadata } from '../../src/metadata/queue-metadata.js';
import { MemoryControlLog } from '../../src/outbound/control-log.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import type { StatsSnapshot } from '../../src/stats/queue-stats.js';
import { captureLogger } from '../support/capture-logger.js';

const NOW = Date.UTC(2026, 11, 7, 15, 0, 0);
const CALLER_ID = '+15005550006';

/** Stats polled 2 s ago: the queue's oldest caller had waited `oldestSeconds` then. */
const statsWith = (waitingCallers: number, oldestSeconds?: number): StatsSnapshot => ({
  fetchedAt: NOW - 2000,
  queues: [
    {
      name: 'customers',
      fetchedAt: NOW - 2000,
      waitingCallers,
      ...(oldestSeconds === undefined ? {} : { longestWaitSeconds: oldestSeconds }),
    },
  ],
});

async function setUp() {
  const callbacks: CallbackStore = await FileCallbackStore.open(undefined);
  const campaigns = await EmbeddedCampaignStore.open(undefined);
  const control = new MemoryControlLog();
  let snapshot: StatsSnapshot | undefined = statsWith(2, 900);
  let now = NOW;
  const look = () =>
    settleCallbacks({
      callbacks,
      campaigns,
      control,
      snapshot: () => snapshot,
      metadata: (queue) =>
        Promise.resolve({
          ...defaultQueueMetadata(queue),
          displayName: 'Example Co. support',
          callbackOfferSeconds: 120,
          callbackMaxAttempts: 2,
          callbackRetrySeconds: 120,
        }),
      callerId: CALLER_ID,
      refreshSeconds: 5,
      clock: { now: () => now },
      logger: captureLogger().logger,
    });
  // Entered 10 minutes ago, asked for the callback a minute ago.
  const { callback } = await callbacks.request({
    queue: 'customers',
    phone: '+14155550123',
    callerCallSid: 'CA1',
    enteredAt: NOW - 600_000,
    requestedAt: NOW - 60_000,
  });
  const commands = async () =>
    (await control.read('test', 0)).map((entry) => [entry.campaignId, entry.command]);
  return {
    callbacks,
    campaigns,
    control,
    commands,
    look,
    callback,
    setSnapshot: (s: StatsSnapshot | undefined) => (snapshot = s),
    setNow: (at: number) => (now = at),
  };
}

describe('dialing callbacks when they are due (settleCallbacks)', () => {
  it('while a caller who entered before it waits, nothing is made or started', async () => {
    const { campaigns, callbacks, commands, look, callback } = await setUp();
    await look();
    await look();

    expect(await campaigns.get(callbackCampaignId(callback))).toBeUndefined();
    expect(await commands()).toEqual([]);
    expect((await callbacks.get(callback.id))?.state).toBe('waiting');
  });

  it('with stale or missing stats, nothing either (never early)', async () => {
    const { campaigns, look, callback, setSnapshot } = await setUp();
    setSnapshot(undefined);
    await look();
    setSnapshot({ ...statsWith(0), queues: [{ ...statsWith(0).queues[0]!, stale: true }] });
    await look();
    expect(await campaigns.get(callbackCampaignId(callback))).toBeUndefined();
  });

  it('once due, one campaign for it, started once, however many looks', async () => {
    const { campaigns, callbacks, commands, look, callback, setSnapshot } = await setUp();
    setSnapshot(statsWith(3, 597)); // everyone waiting entered after the callback's caller
    await look();
    await look();
    await look();

    const record = await campaigns.get(callbackCampaignId(callback));
    expect(record?.execution.settings).toMatchObject({
      targetQueue: 'customers-callbacks',
      callerId: CALLER_ID,
      maxAttempts: 2,
      retryDelaySeconds: 120,
      abandonedCooldownHours: 0,
      message:
        'This is the call back you asked for from Example Co. support. Please hold: you keep your place in line.',
      callback: { queue: 'customers', callbackId: callback.id },
    });
    expect(await campaigns.contact(callbackCampaignId(callback), 'caller')).toEqual({
      id: 'caller',
      phone: '+14155550123',
    });
    expect(await commands()).toEqual([[callbackCampaignId(callback), 'start']]);
    expect((await callbacks.get(callback.id))?.state).toBe('dialing');
  });

  it('a crash after the callback moved, before its campaign was made: the next look makes it, once', async () => {
    const { campaigns, callbacks, commands, look, callback, setSnapshot } = await setUp();
    setSnapshot(statsWith(0));
    // As if the process died between the callback's move and the campaign's creation.
    await callbacks.move(callback.id, ['waiting'], { state: 'dialing', at: NOW });
    expect(await campaigns.get(callbackCampaignId(callback))).toBeUndefined();
    await look();
    await look();

    expect(await campaigns.list()).toHaveLength(1);
    expect(await campaigns.contact(callbackCampaignId(callback), 'caller')).toEqual({
      id: 'caller',
      phone: '+14155550123',
    });
    expect(await commands()).toEqual([[callbackCampaignId(callback), 'start']]);
    expect((await callbacks.get(callback.id))?.state).toBe('dialing');
  });

  it('a cancel that lands between the look and the dial wins: no campaign, no call', async () => {
    const { campaigns, callbacks, control, commands, callback } = await setUp();
    // The look reads the callback as waiting; the cancel lands right after that read.
    const racing: CallbackStore = {
      request: (input) => callbacks.request(input),
      get: (id) => callbacks.get(id),
      list: (filter) => callbacks.list(filter),
      move: (id, from, move) => callbacks.move(id, from, move),
      close: () => callbacks.close(),
      holdingPlace: async (queue) => {
        const read = await callbacks.holdingPlace(queue);
        await callbacks.move(callback.id, ['waiting'], { state: 'canceled', at: NOW });
        return read;
      },
    };
    await settleCallbacks({
      callbacks: racing,
      campaigns,
      control,
      snapshot: () => statsWith(0),
      metadata: (queue) => Promise.resolve(defaultQueueMetadata(queue)),
      callerId: CALLER_ID,
      refreshSeconds: 5,
      clock: { now: () => NOW },
      logger: captureLogger().logger,
    });

    expect(await campaigns.get(callbackCampaignId(callback))).toBeUndefined();
    expect(await commands()).toEqual([]);
    expect((await callbacks.get(callback.id))?.state).toBe('canceled');
  });

  it('follows its campaign: connected once a rep took the callee', async () => {
    const { campaigns, callbacks, look, callback, setSnapshot, setNow } = await setUp();
    setSnapshot(statsWith(0));
    await look();
    const id = callbackCampaignId(callback);
    await campaigns.setStatus(id, ['ready'], 'running', undefined);
    const [attempt] = await campaigns.claim(id, 1, NOW);
    await campaigns.advance(id, attempt!.id, ['claimed'], { state: 'dialing', dialedAt: NOW });
    await campaigns.advance(id, attempt!.id, ['dialing'], { state: 'live', callSid: 'CAcallee' });
    setNow(NOW + 1000);
    await look();
    expect(await callbacks.get(callback.id)).toMatchObject({ state: 'dialing', attempts: 1 });

    await campaigns.end(id, attempt!.id, { outcome: 'connected', at: NOW + 30_000 });
    setNow(NOW + 31_000);
    await look();
    expect(await callbacks.get(callback.id)).toMatchObject({ state: 'connected', attempts: 1 });
  });

  it('follows its campaign: failed once it is over without a take', async () => {
    const { campaigns, callbacks, look, callback, setSnapshot } = await setUp();
    setSnapshot(statsWith(0));
    await look();
    const id = callbackCampaignId(callback);
    await campaigns.setStatus(id, ['ready'], 'running', undefined);
    const [attempt] = await campaigns.claim(id, 1, NOW);
    await campaigns.advance(id, attempt!.id, ['claimed'], { state: 'dialing', dialedAt: NOW });
    await campaigns.advance(id, attempt!.id, ['dialing'], { state: 'live', callSid: 'CAcallee' });
    await campaigns.end(id, attempt!.id, { outcome: 'no-answer', at: NOW + 25_000 });
    expect(await campaigns.completeIfDone(id, NOW + 25_000)).toBe(true);
    await look();

    const failed = await callbacks.get(callback.id);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1 });
    expect(failed?.history.at(-1)).toEqual({
      state: 'failed',
      at: NOW,
      note: 'not reached after 1 call',
    });
  });
});
