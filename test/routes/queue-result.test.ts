import type { QueueEventLog } from '../../src/wait-time/queue-events.js';
import { NOW, SAY, buildTestApp, snapshotOf, twiml } from '../support/test-app.js';

const CALL_SID = 'CA0123456789abcdef0123456789abcdef';
const GOODBYE = twiml(`${SAY}Thank you for calling. Goodbye.</Say><Hangup/>`);
const SYSTEM_ERROR = twiml(
  `${SAY}We are sorry, we could not connect your call right now. Please call back a little later. Goodbye.</Say><Hangup/>`,
);
const EMPTY = twiml('').replace('<Response></Response>', '<Response/>');

const result = (QueueResult: string, extra: Record<string, string> = {}) => ({
  CallSid: CALL_SID,
  QueueResult,
  QueueSid: 'QU00000000000000000000000000000002',
  QueueTime: '95',
  ...extra,
});

describe('POST /voice/queue-result', () => {
  it.each([
    ['bridged', 'served', GOODBYE, { reportedAfterCall: true }],
    ['bridging-in-process', 'served', GOODBYE, { reportedAfterCall: true }],
    ['redirected-from-bridged', 'served', EMPTY, { reportedAfterCall: true }],
    ['hangup', 'abandoned', EMPTY, {}],
    [
      'leave',
      'left',
      twiml(`${SAY}You have left the queue. Thank you for calling. Goodbye.</Say><Hangup/>`),
      {},
    ],
    ['redirected', 'left', EMPTY, {}],
  ])(
    'on %s answers the right TwiML and records a %s event',
    async (queueResult, outcome, expected, late) => {
      const { post, events } = buildTestApp();
      const res = await post('/voice/queue-result?queue=customers', result(queueResult));
      expect(res.status).toBe(200);
      expect(res.text).toBe(expected);
      expect(await events.since('customers', 0)).toEqual([
        { queue: 'customers', outcome, waitSeconds: 95, at: NOW, callSid: CALL_SID, ...late },
      ]);
    },
  );

  it('after the take was reported at /voice/dequeued, a bridged result only confirms it', async () => {
    const { post, events, logs, setNow } = buildTestApp();
    await post('/voice/dequeued?queue=customers', {
      CallSid: CALL_SID,
      QueueSid: 'QU00000000000000000000000000000002',
      QueueTime: '95',
      DequeingCallSid: 'CAfeedfacefeedfacefeedfacefeedface',
    });
    setNow(NOW + 300_000);
    const res = await post('/voice/queue-result?queue=customers', result('bridged'));
    expect(res.text).toBe(GOODBYE);
    expect(await events.since('customers', 0)).toEqual([
      { queue: 'customers', outcome: 'served', waitSeconds: 95, at: NOW, callSid: CALL_SID },
    ]);
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'queue event already recorded' }));
  });

  it('on queue-full apologises, asks the caller to call back, hangs up, records nothing and warns', async () => {
    const { post, events, logs } = buildTestApp();
    const res = await post(
      '/voice/queue-result?queue=customers',
      result('queue-full', { QueueTime: '0' }),
    );
    expect(res.text).toBe(
      twiml(
        `${SAY}We are sorry, all of our lines are busy right now. Please call back a little later. Goodbye.</Say><Hangup/>`,
      ),
    );
    expect(await events.since('customers', 0)).toEqual([]);
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 40, msg: 'queue full; caller turned away' }),
    );
  });

  it.each(['error', 'system-error'])(
    'on %s apologises and hangs up without recording',
    async (queueResult) => {
      const { post, events } = buildTestApp();
      const res = await post('/voice/queue-result?queue=customers', result(queueResult));
      expect(res.text).toBe(SYSTEM_ERROR);
      expect(await events.since('customers', 0)).toEqual([]);
    },
  );

  it('treats an unknown or missing QueueResult as a system error and logs it', async () => {
    const { post, logs } = buildTestApp();
    const unknown = await post('/voice/queue-result?queue=customers', result('teleported'));
    const missing = await post('/voice/queue-result?queue=customers', { CallSid: CALL_SID });
    expect(unknown.text).toBe(SYSTEM_ERROR);
    expect(missing.text).toBe(SYSTEM_ERROR);
    expect(
      logs.filter((l) => l.msg === 'unknown QueueResult; treating it as a system error'),
    ).toHaveLength(2);
  });

  it('counts a repeated delivery of the same call once', async () => {
    const { post, events, logs } = buildTestApp();
    await post('/voice/queue-result?queue=customers', result('bridged'));
    const again = await post('/voice/queue-result?queue=customers', result('bridged'));
    expect(again.text).toBe(GOODBYE);
    expect(await events.since('customers', 0)).toHaveLength(1);
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'queue event already recorded' }));
  });

  it('resolves the queue from QueueSid when the cache knows it, over the carried name', async () => {
    const { post, events } = buildTestApp({
      snapshot: snapshotOf({
        name: 'premium-customers',
        voiceQueueSid: 'QU00000000000000000000000000000002',
        fetchedAt: NOW,
      }),
    });
    await post('/voice/queue-result?queue=customers', result('bridged'));
    expect(await events.since('premium-customers', 0)).toHaveLength(1);
    expect(await events.since('customers', 0)).toEqual([]);
  });

  it('records nothing without a usable QueueTime or queue', async () => {
    const { post, events } = buildTestApp();
    await post('/voice/queue-result?queue=customers', result('bridged', { QueueTime: 'soon' }));
    await post('/voice/queue-result?queue=nope', result('hangup', { CallSid: 'CA2' }));
    expect(await events.since('customers', 0)).toEqual([]);
  });

  it('still answers the caller when the event log fails, and logs the lost event', async () => {
    const failing: QueueEventLog = {
      record: () =>
        Promise.reject(new Error("READONLY You can't write against a read only replica.")),
      since: () => Promise.resolve([]),
    };
    const { post, logs } = buildTestApp({ events: failing });
    const res = await post('/voice/queue-result?queue=customers', result('bridged'));
    expect(res.status).toBe(200);
    expect(res.text).toBe(GOODBYE);
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 50, msg: 'could not record queue event' }),
    );
  });
});
