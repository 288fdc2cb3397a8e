import { FileCallbackStore } from '../../src/callbacks/file-callback-store.js';
import { callbackCampaignId, settleCallbacks } from '../../src/dialer/callback-dialing.js';
import { defaultQueueMetadata } from '../../src/metadata/queue-metadata.js';
import { MemoryControlLog } from '../../src/outbound/control-log.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { captureLogger } from '../support/capture-logger.js';
import { eventually } from '../support/eventually.js';
import { NOW, buildTestApp } from '../support/test-app.js';

const CALLEE_CALL = 'CAcallee0000000000000000000000001';

describe('a rep takes an answered callback from its callback queue (POST /voice/dequeued)', () => {
  it('marks the callback’s call connected at the take, and the estimator learns one more service of the queue', async () => {
    const callbacks = await FileCallbackStore.open(undefined);
    const campaigns = await EmbeddedCampaignStore.open(undefined);
    const control = new MemoryControlLog();
    const { callback } = await callbacks.request({
      queue: 'customers',
      phone: '+14155550123',
      callerCallSid: 'CAcaller',
      enteredAt: NOW - 600_000,
      requestedAt: NOW - 60_000,
    });
    await settleCallbacks({
      callbacks,
      campaigns,
      control,
      snapshot: () => ({
        fetchedAt: NOW,
        queues: [{ name: 'customers', fetchedAt: NOW, waitingCallers: 0 }],
      }),
      metadata: (queue) => Promise.resolve(defaultQueueMetadata(queue)),
      callerId: '+15005550006',
      refreshSeconds: 5,
      clock: { now: () => NOW },
      logger: captureLogger().logger,
    });
    const id = callbackCampaignId(callback);
    // As the queue service dials it: running, one attempt, its call answered.
    await campaigns.setStatus(id, ['ready'], 'running', undefined);
    const [attempt] = await campaigns.claim(id, 1, NOW);
    await campaigns.advance(id, attempt!.id, ['claimed'], { state: 'dialing', dialedAt: NOW });
    await campaigns.advance(id, attempt!.id, ['dialing'], {
      state: 'live',
      callSid: CALLEE_CALL,
      answeredAt: NOW + 5000,
    });
    const { post, events } = buildTestApp({ outbound: { campaigns, control }, callbacks });

    const res = await post('/voice/dequeued?queue=customers-callbacks', {
      CallSid: CALLEE_CALL,
      To: '+14155550123',
      QueueTime: '12',
      DequeingCallSid: 'CArep',
    });

    expect(res.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
    expect((await campaigns.attempt(id, attempt!.id))?.connectedAt).toBe(NOW);
    // Learned after the answer (the bridge does not wait for it): from the request to the take.
    await eventually(async () =>
      expect(await events.since('customers', 0)).toEqual([
        {
          queue: 'customers',
          outcome: 'callback-taken',
          waitSeconds: 60,
          at: NOW,
          callSid: CALLEE_CALL,
        },
      ]),
    );
    expect(await events.since('customers-callbacks', 0)).toEqual([]);
  });
});
