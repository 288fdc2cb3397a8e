import { sampleOf } from '../metrics/sample.js';
import { NOW, buildTestApp, snapshotOf } from '../support/test-app.js';

const QUEUE_SID = 'QU00000000000000000000000000000002';
const callSid = (n: number) => `CA${n.toString(16).padStart(32, '0')}`;
const sizesOnly = snapshotOf({
  name: 'customers',
  voiceQueueSid: QUEUE_SID,
  fetchedAt: NOW - 5000,
  waitingCallers: 0,
});

/**
 * Over the webhooks as Twilio calls them: what a greeting announced is held to the wait the
 * take reports, and the API shows the pairs and their summary.
 */
describe('GET /api/queues/{name}/announcements and the accuracy metrics', () => {
  it('pairs what each greeted caller heard with the wait they had, and sums up the hour', async () => {
    const { post, api, setNow, metrics } = buildTestApp({ snapshot: sizesOnly });
    const take = (n: number, queueTime: number) =>
      post('/voice/dequeued?queue=customers', {
        CallSid: callSid(n),
        QueueSid: QUEUE_SID,
        QueueTime: String(queueTime),
        DequeingCallSid: callSid(9999),
      });
    // Enough takes (each after 600 s) for a learned estimate: ~22 s a take.
    for (let n = 0; n < 24; n += 1) await take(n, 600);

    // What a caller joining now is told (the API rounds to whole seconds).
    const told = (await api('/api/queues/customers/wait-time')).body as {
      estimate: { seconds: number };
    };
    const greeting = await post('/voice/incoming', { CallSid: callSid(100), From: '+15550100001' });
    expect(greeting.text).toContain('Your estimated wait is less than a minute.');
    // Taken 5 minutes later: the estimate was far too short.
    setNow(NOW + 300_000);
    await take(100, 300);

    const res = await api('/api/queues/customers/announcements');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const announced = told.estimate.seconds;
    expect(res.body).toEqual({
      queue: 'customers',
      windowSeconds: 3600,
      served: 1,
      meanAbsoluteErrorSeconds: expect.closeTo(300 - announced, 0) as number,
      biasSeconds: expect.closeTo(announced - 300, 0) as number,
      withinShare: 0,
      told: [
        {
          at: new Date(NOW + 300_000).toISOString(),
          announcedSeconds: expect.closeTo(announced, 0) as number,
          waitedSeconds: 300,
        },
      ],
      waiting: [
        { at: new Date(NOW).toISOString(), waiting: 1 },
        { at: new Date(NOW + 300_000).toISOString(), waiting: 0 },
      ],
    });

    const customers = { queue: 'customers' };
    expect(await sampleOf(metrics, 'holdline_announcements_served', customers)).toBe(1);
    expect(await sampleOf(metrics, 'holdline_announcement_within_ratio', customers)).toBe(0);
    expect(await sampleOf(metrics, 'holdline_announcement_error_seconds', customers)).toBeCloseTo(
      300 - announced,
      0,
    );
    // Nobody greeted with an estimate was taken from premium: no figure rather than a zero.
    expect(
      await sampleOf(metrics, 'holdline_announcement_error_seconds', {
        queue: 'premium-customers',
      }),
    ).toBeUndefined();

    const listed = await api('/api/queues');
    expect(
      (listed.body as { queues: { name: string; announcements: unknown }[] }).queues,
    ).toContainEqual(
      expect.objectContaining({
        name: 'customers',
        announcements: expect.objectContaining({ served: 1, withinShare: 0 }) as unknown,
      }),
    );
  });

  it('answers QUEUE_NOT_FOUND for a queue nobody configured or listed', async () => {
    const { api } = buildTestApp({ snapshot: sizesOnly });
    const res = await api('/api/queues/nowhere/announcements');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'QUEUE_NOT_FOUND' } });
  });
});
