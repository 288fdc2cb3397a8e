import {
  BASE_URL,
  NOW,
  SAY,
  buildTestApp,
  snapshotOf,
  twiml,
  unreachableStore,
} from '../support/test-app.js';

const GREETING = 'Thank you for calling. All of our representatives are helping other callers.';
const PLEASE_HOLD = 'Please stay on the line and we will be with you as soon as we can.';

const enqueue = (queue: string, waitQuery = `queue=${queue}`) =>
  `<Enqueue waitUrl="${BASE_URL}/voice/wait?${waitQuery}" waitUrlMethod="POST" ` +
  `action="${BASE_URL}/voice/queue-result?queue=${queue}" method="POST">${queue}</Enqueue>`;

const caller = {
  CallSid: 'CA0123456789abcdef0123456789abcdef',
  From: '+15550109999',
  To: '+15550100000',
};

describe('POST /voice/incoming', () => {
  it('puts an ordinary caller in the regular queue with a greeting', async () => {
    const { post } = buildTestApp();
    const res = await post('/voice/incoming', caller);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text));
    expect(res.text).toBe(twiml(`${SAY}${GREETING} ${PLEASE_HOLD}</Say>${enqueue('customers')}`));
  });

  it('honours ?queue= from an IVR', async () => {
    const { post } = buildTestApp();
    const res = await post('/voice/incoming?queue=premium-customers', caller);
    expect(res.text).toContain(enqueue('premium-customers'));
  });

  it('sends an unknown ?queue= to the regular queue and logs it', async () => {
    const { post, logs } = buildTestApp();
    const res = await post('/voice/incoming?queue=vip', caller);
    expect(res.status).toBe(200);
    expect(res.text).toContain(enqueue('customers'));
    expect(logs).toContainEqual(
      expect.objectContaining({
        msg: 'unknown queue requested; using the regular queue',
        requested: 'vip',
      }),
    );
  });

  it('routes by the called number when it is mapped', async () => {
    const { post } = buildTestApp({ env: { QUEUE_NUMBERS: '+1 555 010 0000=premium-customers' } });
    const res = await post('/voice/incoming', caller);
    expect(res.text).toContain(enqueue('premium-customers'));
  });

  it('puts callers on the premium list in the premium queue', async () => {
    const { post } = buildTestApp({ env: { PREMIUM_CALLERS: '+15550109999' } });
    const res = await post('/voice/incoming', caller);
    expect(res.text).toContain(enqueue('premium-customers'));
  });

  it('prefers ?queue= over the called number and the premium list', async () => {
    const { post } = buildTestApp({
      env: { QUEUE_NUMBERS: '+15550100000=premium-customers', PREMIUM_CALLERS: '+15550109999' },
    });
    const res = await post('/voice/incoming?queue=customers', caller);
    expect(res.text).toContain(enqueue('customers'));
  });

  it('announces the estimate for the place behind everyone waiting, when stats are fresh', async () => {
    // 30 callers served in 30 minutes = one a minute; 4 waiting, so the new caller is fifth.
    const { post } = buildTestApp({
      snapshot: snapshotOf({
        name: 'customers',
        fetchedAt: NOW - 5000,
        waitingCallers: 4,
        servedInWindow: 30,
        windowSeconds: 1800,
      }),
    });
    const res = await post('/voice/incoming', caller);
    expect(res.text).toBe(
      twiml(
        `${SAY}${GREETING} Your estimated wait is about 5 minutes. ${PLEASE_HOLD}</Say>` +
          enqueue('customers', 'queue=customers&amp;announced=0'),
      ),
    );
  });

  it('announces no estimate from stale stats', async () => {
    const { post } = buildTestApp({
      snapshot: snapshotOf({
        name: 'customers',
        fetchedAt: NOW - 46_000,
        waitingCallers: 4,
        servedInWindow: 30,
        windowSeconds: 1800,
      }),
    });
    const res = await post('/voice/incoming', caller);
    expect(res.text).toBe(twiml(`${SAY}${GREETING} ${PLEASE_HOLD}</Say>${enqueue('customers')}`));
  });

  it('still enqueues, without an estimate, when the stats store is unreachable', async () => {
    const { post } = buildTestApp({ stats: unreachableStore });
    const res = await post('/voice/incoming', caller);
    expect(res.status).toBe(200);
    expect(res.text).toBe(twiml(`${SAY}${GREETING} ${PLEASE_HOLD}</Say>${enqueue('customers')}`));
  });

  it('uses the configured voice and language', async () => {
    const { post } = buildTestApp({ env: { SAY_VOICE: 'Polly.Amy', SAY_LANGUAGE: 'en-GB' } });
    const res = await post('/voice/incoming', caller);
    expect(res.text).toContain('<Say voice="Polly.Amy" language="en-GB">');
  });

  it('when the handler breaks on corrupt stats, still enqueues the caller in the regular queue', async () => {
    const corrupt = { fetchedAt: NOW, queues: 'not-a-list' } as unknown as ReturnType<
      typeof snapshotOf
    >;
    const { post, logs } = buildTestApp({ snapshot: corrupt });
    const res = await post('/voice/incoming?queue=premium-customers', caller);
    expect(res.status).toBe(200);
    expect(res.text).toBe(twiml(enqueue('customers')));
    expect(logs).toContainEqual(expect.objectContaining({ level: 50, code: 'INTERNAL' }));
  });
});
