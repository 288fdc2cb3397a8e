import { BASE_URL, NOW, buildTestApp, snapshotOf, twiml } from '../support/test-app.js';

const dial = (queue: string, actionQuery = `queue=${queue}`) =>
  `<Dial timeout="1" action="${BASE_URL}/rep-call-complete?${actionQuery}" method="POST"><Queue url="${BASE_URL}/voice/dequeued?queue=${queue}" method="POST">${queue}</Queue></Dial>`;
const REST = twiml(
  `<Pause length="5"/><Redirect method="POST">${BASE_URL}/rep-call-complete</Redirect>`,
);

const rep = (params: Record<string, string> = {}) => ({
  CallSid: 'CAfeedfacefeedfacefeedfacefeedface',
  From: '+15550107777',
  ...params,
});

describe('GET|POST /rep-call-complete', () => {
  it('on the first call-in (no parameters) dials the top queue', async () => {
    const { get, post } = buildTestApp();
    const expected = twiml(dial('premium-customers'));
    expect((await get('/rep-call-complete')).text).toBe(expected);
    expect((await post('/rep-call-complete', rep())).text).toBe(expected);
  });

  it('after an empty try moves down the priority list', async () => {
    const { post } = buildTestApp();
    const res = await post(
      '/rep-call-complete?queue=premium-customers',
      rep({ DequeueResult: 'queue-empty' }),
    );
    expect(res.text).toBe(twiml(dial('customers')));
  });

  it('reads DequeueResult from the query string on GET', async () => {
    const { get } = buildTestApp();
    const res = await get('/rep-call-complete?queue=premium-customers&DequeueResult=queue-empty');
    expect(res.text).toBe(twiml(dial('customers')));
  });

  it('after the last queue of a round comes up empty, rests before the next round', async () => {
    const { post } = buildTestApp();
    const res = await post(
      '/rep-call-complete?queue=customers',
      rep({ DequeueResult: 'queue-empty' }),
    );
    expect(res.text).toBe(REST);
  });

  it.each(['bridged', 'bridging-in-process'])(
    'after %s goes back to the top queue',
    async (result) => {
      const { post } = buildTestApp();
      const res = await post('/rep-call-complete?queue=customers', rep({ DequeueResult: result }));
      expect(res.text).toBe(twiml(dial('premium-customers')));
    },
  );

  it('walks any number of tiers in order', async () => {
    const { post } = buildTestApp({ env: { QUEUES: 'gold,silver,bronze' } });
    const after = async (queue: string) =>
      (await post(`/rep-call-complete?queue=${queue}`, rep({ DequeueResult: 'queue-empty' }))).text;
    expect(await after('gold')).toBe(twiml(dial('silver')));
    expect(await after('silver')).toBe(twiml(dial('bronze')));
    expect(await after('bronze')).toBe(REST);
  });

  it('resolves QueueSid through the cache before the carried name', async () => {
    const { post } = buildTestApp({
      snapshot: snapshotOf({
        name: 'customers',
        voiceQueueSid: 'QU00000000000000000000000000000002',
        fetchedAt: NOW,
      }),
    });
    const res = await post(
      '/rep-call-complete?queue=premium-customers',
      rep({ DequeueResult: 'queue-empty', QueueSid: 'QU00000000000000000000000000000002' }),
    );
    expect(res.text).toBe(REST);
  });

  it('starts over at the top when it cannot tell which queue was tried', async () => {
    const { post } = buildTestApp();
    const res = await post(
      '/rep-call-complete?queue=elsewhere',
      rep({ DequeueResult: 'queue-empty', QueueSid: 'QUunknown' }),
    );
    expect(res.text).toBe(twiml(dial('premium-customers')));
  });

  it('rests for the configured pause', async () => {
    const { post } = buildTestApp({ env: { REP_EMPTY_ROUND_PAUSE_SECONDS: '12' } });
    const res = await post(
      '/rep-call-complete?queue=customers',
      rep({ DequeueResult: 'queue-empty' }),
    );
    expect(res.text).toBe(
      twiml(`<Pause length="12"/><Redirect method="POST">${BASE_URL}/rep-call-complete</Redirect>`),
    );
  });

  describe('with anti-starvation on (ANTI_STARVATION_SECONDS=120)', () => {
    const starving = snapshotOf(
      {
        name: 'premium-customers',
        fetchedAt: NOW - 5000,
        waitingCallers: 3,
        longestWaitSeconds: 100,
      },
      { name: 'customers', fetchedAt: NOW - 5000, waitingCallers: 2, longestWaitSeconds: 300 },
    );
    const env = { ANTI_STARVATION_SECONDS: '120' };

    it('tries the starved regular queue first, then the rest of the round, then rests', async () => {
      const { post } = buildTestApp({ env, snapshot: starving });
      const first = await post('/rep-call-complete', rep());
      expect(first.text).toBe(twiml(dial('customers', 'queue=customers&amp;lead=customers')));
      const second = await post(
        '/rep-call-complete?queue=customers&lead=customers',
        rep({ DequeueResult: 'queue-empty' }),
      );
      expect(second.text).toBe(
        twiml(dial('premium-customers', 'queue=premium-customers&amp;lead=customers')),
      );
      const third = await post(
        '/rep-call-complete?queue=premium-customers&lead=customers',
        rep({ DequeueResult: 'queue-empty' }),
      );
      expect(third.text).toBe(REST);
    });

    it('ignores stale stats', async () => {
      const stale = snapshotOf(...starving.queues.map((q) => ({ ...q, fetchedAt: NOW - 60_000 })));
      const { post } = buildTestApp({ env, snapshot: stale });
      expect((await post('/rep-call-complete', rep())).text).toBe(twiml(dial('premium-customers')));
    });

    it('is off by default', async () => {
      const { post } = buildTestApp({ snapshot: starving });
      expect((await post('/rep-call-complete', rep())).text).toBe(twiml(dial('premium-customers')));
    });
  });
});
