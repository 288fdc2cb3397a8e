import { MIN_SERVICES_OBSERVED } from '../../src/wait-time/learned-estimator.js';
import { NOW, buildTestApp, snapshotOf } from '../support/test-app.js';

/**
 * The learned estimator as the server wires it in embedded mode: /voice/incoming counts callers
 * in, /voice/dequeued (the take) and /voice/queue-result count them out and teach the rates, and the call path and the API
 * answer from what was learned. The test clock stands still, so every caller taken after
 * waiting 600 s waited over the same 600 s: 24 takes in those 600 s of backlog, the seconds
 * weighted by the default 30-minute half-life as the learner weighs them.
 */
const QUEUE_SID = 'QU00000000000000000000000000000002';
/** Voice sizes only: no TaskRouter counts, so the stats alone cannot give an estimate. */
const sizesOnly = snapshotOf({
  name: 'customers',
  voiceQueueSid: QUEUE_SID,
  fetchedAt: NOW - 5000,
  waitingCallers: 0,
});
const TAU_SECONDS = (30 * 60) / Math.LN2;
const SECONDS_PER_TAKE = (TAU_SECONDS * (1 - Math.exp(-600 / TAU_SECONDS))) / 24; // ≈ 22.3
const callSid = (n: number) => `CA${n.toString(16).padStart(32, '0')}`;

async function teach(post: ReturnType<typeof buildTestApp>['post'], takes: number, first = 0) {
  for (let n = first; n < first + takes; n += 1) {
    await post('/voice/dequeued?queue=customers', {
      CallSid: callSid(n),
      QueueSid: QUEUE_SID,
      QueueTime: '600',
      DequeingCallSid: callSid(9999),
    });
  }
}

const turn = (position: string) => ({
  CallSid: callSid(999),
  QueueSid: QUEUE_SID,
  QueuePosition: position,
  QueueTime: '0',
});

describe('the learned estimate on the call path', () => {
  it('a waiting caller hears the learned estimate once enough callers were taken', async () => {
    const { post } = buildTestApp({ snapshot: sizesOnly });
    await teach(post, 24);
    // Position 6 at one take per ~22.3 s: ~134 s.
    const res = await post('/voice/wait?queue=customers', turn('6'));
    expect(res.text).toContain(
      'You are number 6 in line. Your estimated wait is about 2 minutes.</Say>',
    );
  });

  it('says position only while it has seen too few takes, and counts a repeated webhook once', async () => {
    const { post } = buildTestApp({ snapshot: sizesOnly });
    await teach(post, MIN_SERVICES_OBSERVED - 1);
    await teach(post, 5, 0); // Twilio repeating five of them
    const res = await post('/voice/wait?queue=customers', turn('4'));
    expect(res.text).toContain('You are number 4 in line.</Say>');
    expect(res.text).not.toContain('estimated wait');
  });

  it('a new caller joins behind the callers it counted in, and the estimate follows', async () => {
    const { post, api } = buildTestApp({ snapshot: sizesOnly });
    await teach(post, 24);
    for (const n of [100, 101, 102]) {
      await post('/voice/incoming', { CallSid: callSid(n), From: '+15550100001' });
    }
    const joining = await api('/api/queues/customers/wait-time');
    expect(joining.body).toMatchObject({
      position: 4,
      estimate: { kind: 'known', seconds: Math.round(4 * SECONDS_PER_TAKE) },
    });

    // One is taken, one turned away (queue full): two fewer ahead.
    await post('/voice/dequeued?queue=customers', {
      CallSid: callSid(100),
      QueueSid: QUEUE_SID,
      QueueTime: '30',
    });
    await post('/voice/queue-result?queue=customers', {
      CallSid: callSid(101),
      QueueResult: 'queue-full',
      QueueSid: QUEUE_SID,
      QueueTime: '0',
    });
    const later = await api('/api/queues/customers/wait-time');
    expect(later.body).toMatchObject({ position: 2 });

    const incoming = await post('/voice/incoming', { CallSid: callSid(103), From: '+15550100001' });
    expect(incoming.text).toContain('Your estimated wait is less than a minute.');
  });

  it("after a restart, a wait turn's CurrentQueueSize puts new callers behind those it never saw", async () => {
    const { post, api } = buildTestApp({ snapshot: sizesOnly });
    await teach(post, 24);
    await post('/voice/incoming', { CallSid: callSid(100), From: '+15550100001' });
    expect((await api('/api/queues/customers/wait-time')).body).toMatchObject({ position: 2 });

    // Twilio counts 9: eight waited from before this process started.
    await post('/voice/wait?queue=customers', { ...turn('9'), CurrentQueueSize: '9' });
    expect((await api('/api/queues/customers/wait-time')).body).toMatchObject({ position: 10 });
    // One of the unseen is taken: one fewer ahead.
    await teach(post, 1, 200);
    // Position 9 at 25 takes in the same 600 s: 9 × 22.3 × 24/25 ≈ 193 s.
    const incoming = await post('/voice/incoming', { CallSid: callSid(101), From: '+15550100001' });
    expect(incoming.text).toContain('Your estimated wait is about 3 minutes.');
  });

  it('before Twilio ever answered, the API gives the estimate the greeting speaks', async () => {
    // No snapshot at all: the poller never read Twilio, and nothing knows the queue's SID.
    const { post, api } = buildTestApp();
    await teach(post, 24);
    for (const n of [100, 101]) {
      await post('/voice/incoming', { CallSid: callSid(n), From: '+15550100001' });
    }

    const res = await api('/api/queues/customers/wait-time');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      queue: 'customers',
      position: 3,
      estimate: { kind: 'known', seconds: Math.round(3 * SECONDS_PER_TAKE) },
      spoken: 'Your estimated wait is about 1 minute.',
      seenOnTwilio: false,
      fetchedAt: null,
      stale: true,
    });
    const incoming = await post('/voice/incoming', { CallSid: callSid(102), From: '+15550100001' });
    expect(incoming.text).toContain('Your estimated wait is about 1 minute.');
    const listed = await api('/api/queues');
    expect(
      (listed.body as { queues: { name: string; estimate: unknown }[] }).queues,
    ).toContainEqual(
      expect.objectContaining({
        name: 'customers',
        estimate: { kind: 'known', seconds: Math.round(4 * SECONDS_PER_TAKE) },
      }),
    );
  });
});
