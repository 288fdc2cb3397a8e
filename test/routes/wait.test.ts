import {
  BASE_URL,
  NOW,
  SAY,
  buildTestApp,
  freshStats,
  snapshotOf,
  twiml,
  unreachableStore,
} from '../support/test-app.js';

const hold = (redirectQuery: string) =>
  `<Pause length="20"/><Redirect method="POST">${BASE_URL}/voice/wait?${redirectQuery}</Redirect>`;

/** A first turn at position 3 when no estimate can be spoken: the position, then hold. */
const POSITION_3_ONLY = twiml(
  `${SAY}You are number 3 in line.</Say>${hold('queue=customers&amp;position=3&amp;announced=0')}`,
);

const turn = (params: Record<string, string>) => ({
  CallSid: 'CA0123456789abcdef0123456789abcdef',
  QueueSid: 'QU00000000000000000000000000000002',
  CurrentQueueSize: '6',
  AvgQueueTime: '40',
  MaxQueueSize: '100',
  ...params,
});

describe('POST /voice/wait', () => {
  it('on the first turn announces position and estimate, then holds and comes back', async () => {
    const { post } = buildTestApp({ snapshot: freshStats });
    const res = await post(
      '/voice/wait?queue=customers',
      turn({ QueuePosition: '3', QueueTime: '0' }),
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe(
      twiml(
        `${SAY}You are number 3 in line. Your estimated wait is about 3 minutes.</Say>` +
          hold('queue=customers&amp;position=3&amp;announced=0'),
      ),
    );
  });

  it('when stats are stale, announces position only', async () => {
    const stale = snapshotOf({ ...freshStats.queues[0]!, fetchedAt: NOW - 60_000 });
    const { post } = buildTestApp({ snapshot: stale });
    const res = await post(
      '/voice/wait?queue=customers',
      turn({ QueuePosition: '3', QueueTime: '0' }),
    );
    expect(res.text).toBe(POSITION_3_ONLY);
  });

  it('within the interval and at the same position, says nothing and keeps holding', async () => {
    const { post } = buildTestApp({ snapshot: freshStats });
    const res = await post(
      '/voice/wait?queue=customers&position=3&announced=0',
      turn({ QueuePosition: '3', QueueTime: '25' }),
    );
    expect(res.text).toBe(twiml(hold('queue=customers&amp;position=3&amp;announced=0')));
  });

  it('within the interval, announces a new position without repeating the estimate', async () => {
    const { post } = buildTestApp({ snapshot: freshStats });
    const res = await post(
      '/voice/wait?queue=customers&position=3&announced=0',
      turn({ QueuePosition: '2', QueueTime: '25' }),
    );
    expect(res.text).toBe(
      twiml(
        `${SAY}You are number 2 in line.</Say>${hold('queue=customers&amp;position=2&amp;announced=0')}`,
      ),
    );
  });

  it('once the interval is up, announces position and estimate again', async () => {
    const { post } = buildTestApp({ snapshot: freshStats });
    const res = await post(
      '/voice/wait?queue=customers&position=2&announced=0',
      turn({ QueuePosition: '1', QueueTime: '61' }),
    );
    expect(res.text).toBe(
      twiml(
        `${SAY}You are next in line. Your estimated wait is about 1 minute.</Say>` +
          hold('queue=customers&amp;position=1&amp;announced=61'),
      ),
    );
  });

  it('caps long positions', async () => {
    const { post } = buildTestApp();
    const res = await post(
      '/voice/wait?queue=customers',
      turn({ QueuePosition: '42', QueueTime: '0' }),
    );
    expect(res.text).toContain(`${SAY}There are at least 10 callers ahead of you.</Say>`);
  });

  it('resolves the queue from QueueSid through the stats cache when the URL carries none', async () => {
    const { post } = buildTestApp({ snapshot: freshStats });
    const res = await post('/voice/wait', turn({ QueuePosition: '3', QueueTime: '0' }));
    expect(res.text).toContain('Your estimated wait is about 3 minutes.');
    expect(res.text).toContain(`${BASE_URL}/voice/wait?queue=customers&amp;position=3`);
  });

  it('with nothing to tell when the interval is up, reassures the caller', async () => {
    const { post } = buildTestApp();
    const res = await post('/voice/wait?queue=customers&announced=0', turn({ QueueTime: '90' }));
    expect(res.text).toBe(
      twiml(
        `${SAY}Thank you for holding. Please stay on the line.</Say>${hold('queue=customers&amp;announced=90')}`,
      ),
    );
  });

  it('plays the configured hold music instead of a pause', async () => {
    const { post } = buildTestApp({ env: { HOLD_MUSIC_URL: 'https://cdn.example.test/hold.mp3' } });
    const res = await post(
      '/voice/wait?queue=customers',
      turn({ QueuePosition: '3', QueueTime: '0' }),
    );
    expect(res.text).toContain(
      '</Say><Play>https://cdn.example.test/hold.mp3</Play><Redirect method="POST">',
    );
  });

  it('keeps the caller holding, announcing position only, when the store is unreachable', async () => {
    const { post } = buildTestApp({ stats: unreachableStore });
    const res = await post(
      '/voice/wait?queue=customers',
      turn({ QueuePosition: '3', QueueTime: '0' }),
    );
    expect(res.status).toBe(200);
    expect(res.text).toBe(POSITION_3_ONLY);
  });

  it('announces position only, and logs, when the estimator throws', async () => {
    const { post, logs } = buildTestApp({
      snapshot: freshStats,
      estimator: {
        estimate: () => {
          throw new Error('estimator bug');
        },
      },
    });
    const res = await post(
      '/voice/wait?queue=customers',
      turn({ QueuePosition: '3', QueueTime: '0' }),
    );
    expect(res.text).toBe(POSITION_3_ONLY);
    expect(logs).toContainEqual(
      expect.objectContaining({ msg: 'wait estimate failed; announcing none', queue: 'customers' }),
    );
  });

  it('keeps the caller holding when the handler breaks', async () => {
    const corrupt = { fetchedAt: NOW, queues: 'not-a-list' } as unknown as ReturnType<
      typeof snapshotOf
    >;
    const { post } = buildTestApp({ snapshot: corrupt });
    const res = await post('/voice/wait', turn({ QueuePosition: '3', QueueTime: '0' }));
    expect(res.status).toBe(200);
    expect(res.text).toBe(
      twiml(`<Pause length="20"/><Redirect method="POST">${BASE_URL}/voice/wait</Redirect>`),
    );
  });
});
