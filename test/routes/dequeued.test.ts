import request from 'supertest';
import type { QueueEventLog } from '../../src/wait-time/queue-events.js';
import { NOW, buildTestApp, snapshotOf, twiml } from '../support/test-app.js';

const CALLER = 'CA0123456789abcdef0123456789abcdef';
const REP = 'CAfeedfacefeedfacefeedfacefeedface';
const NOTHING = twiml('').replace('<Response></Response>', '<Response/>');

const take = (extra: Record<string, string> = {}) => ({
  CallSid: CALLER,
  QueueSid: 'QU00000000000000000000000000000002',
  QueueTime: '42',
  DequeingCallSid: REP,
  ...extra,
});

describe('POST /voice/dequeued (the <Queue url> of a rep’s dial)', () => {
  it('records the caller served at the take, counts them out, and plays nothing before the bridge', async () => {
    const { post, events, api } = buildTestApp({
      snapshot: snapshotOf({ name: 'customers', fetchedAt: NOW - 5000, waitingCallers: 0 }),
    });
    await post('/voice/incoming', { CallSid: CALLER, From: '+15550100001' });
    expect((await api('/api/queues/customers/wait-time')).body).toMatchObject({ position: 2 });

    const res = await post('/voice/dequeued?queue=customers', take());
    expect(res.status).toBe(200);
    expect(res.text).toBe(NOTHING);
    expect(await events.since('customers', 0)).toEqual([
      { queue: 'customers', outcome: 'served', waitSeconds: 42, at: NOW, callSid: CALLER },
    ]);
    expect((await api('/api/queues/customers/wait-time')).body).toMatchObject({ position: 1 });
  });

  it('counts a repeated request once', async () => {
    const { post, events } = buildTestApp();
    await post('/voice/dequeued?queue=customers', take());
    await post('/voice/dequeued?queue=customers', take());
    expect(await events.since('customers', 0)).toHaveLength(1);
  });

  it('records nothing without a usable QueueTime or queue, and still plays nothing', async () => {
    const { post, events } = buildTestApp();
    const noTime = await post('/voice/dequeued?queue=customers', take({ QueueTime: 'soon' }));
    const noQueue = await post('/voice/dequeued?queue=nope', take({ CallSid: 'CA2' }));
    expect([noTime.text, noQueue.text]).toEqual([NOTHING, NOTHING]);
    expect(await events.since('customers', 0)).toEqual([]);
  });

  it('never cuts the bridge: a failing event log still answers the empty document', async () => {
    const failing: QueueEventLog = {
      record: () => Promise.reject(new Error('connection lost')),
      since: () => Promise.resolve([]),
    };
    const { post, logs } = buildTestApp({ events: failing });
    const res = await post('/voice/dequeued?queue=customers', take());
    expect(res.status).toBe(200);
    expect(res.text).toBe(NOTHING);
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 50, msg: 'could not record queue event' }),
    );
  });

  it('refuses an unsigned request and records nothing', async () => {
    const { app, events } = buildTestApp();
    const res = await request(app)
      .post('/voice/dequeued?queue=customers')
      .type('form')
      .send(take());
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(await events.since('customers', 0)).toEqual([]);
  });
});
