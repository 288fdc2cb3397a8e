import request from 'supertest';
import type { StatsStore } from '../../src/stats/stats-store.js';
import { buildTestApp, freshStats } from '../support/test-app.js';
import { sampleOf } from './sample.js';

const CALL_SID = 'CA0123456789abcdef0123456789abcdef';
const DURATION = 'holdline_webhook_duration_seconds';

/** A store whose in-memory read breaks once told to: a bug on our side, as the call path meets it. */
function breakableStore(): StatsStore & { broken: boolean } {
  return {
    broken: false,
    currentSnapshot() {
      if (this.broken) throw new Error('snapshot corrupted');
      return undefined;
    },
    readSnapshot: () => Promise.resolve(undefined),
    writeSnapshot: () => Promise.resolve(),
  };
}

describe('webhook metrics', () => {
  it('times a signed webhook under its route pattern and status, never the raw URL', async () => {
    const { post, metrics } = buildTestApp({ snapshot: freshStats });

    const res = await post('/voice/wait?queue=customers&position=3', {
      CallSid: CALL_SID,
      QueuePosition: '3',
      QueueTime: '10',
    });

    expect(res.status).toBe(200);
    const labels = { route: '/voice/wait', status: '200' };
    expect(await sampleOf(metrics, `${DURATION}_count`, labels)).toBe(1);
    expect(await sampleOf(metrics, `${DURATION}_sum`, labels)).toBeGreaterThan(0);
    expect(await metrics.registry.metrics()).not.toContain('position=3');
  });

  it('times a refused webhook under its 403, and counts the refusal', async () => {
    const { app, metrics } = buildTestApp();

    const res = await request(app)
      .post('/voice/incoming')
      .type('form')
      .set('X-Twilio-Signature', 'forged')
      .send({ CallSid: CALL_SID });

    expect(res.status).toBe(403);
    expect(
      await sampleOf(metrics, `${DURATION}_count`, { route: '/voice/incoming', status: '403' }),
    ).toBe(1);
    expect(
      await sampleOf(metrics, 'holdline_fallback_answers_total', {
        route: '/voice/incoming',
        kind: 'refused',
      }),
    ).toBe(1);
  });

  it('counts a fallback answer when the route fails on our side', async () => {
    const stats = breakableStore();
    const { post, metrics } = buildTestApp({ stats });
    const failed = { route: '/voice/wait', kind: 'failed' };
    expect(await sampleOf(metrics, 'holdline_fallback_answers_total', failed)).toBe(0);
    stats.broken = true;

    const res = await post('/voice/wait', { CallSid: CALL_SID, QueuePosition: '2' });

    expect(res.status).toBe(200);
    expect(res.text).toContain('<Redirect');
    expect(await sampleOf(metrics, 'holdline_fallback_answers_total', failed)).toBe(1);
    expect(
      await sampleOf(metrics, `${DURATION}_count`, { route: '/voice/wait', status: '200' }),
    ).toBe(1);
  });

  it('counts a repeated queue result as a duplicate dropped, not a second event', async () => {
    const { post, metrics } = buildTestApp({ snapshot: freshStats });
    const params = {
      CallSid: CALL_SID,
      QueueResult: 'hangup',
      QueueSid: 'QU00000000000000000000000000000002',
      QueueTime: '95',
    };
    const source = { source: 'queue-result' };

    await post('/voice/queue-result?queue=customers', params);
    expect(await sampleOf(metrics, 'holdline_duplicate_deliveries_dropped_total', source)).toBe(0);
    await post('/voice/queue-result?queue=customers', params);

    expect(await sampleOf(metrics, 'holdline_duplicate_deliveries_dropped_total', source)).toBe(1);
  });

  it('counts a repeated take as a duplicate, but not the bridged result that confirms it', async () => {
    const { post, metrics } = buildTestApp({ snapshot: freshStats });
    const take = { CallSid: CALL_SID, QueueTime: '95', DequeingCallSid: 'CA-rep' };
    const dropped = (source: string) =>
      sampleOf(metrics, 'holdline_duplicate_deliveries_dropped_total', { source });

    await post('/voice/dequeued?queue=customers', take);
    await post('/voice/queue-result?queue=customers', {
      CallSid: CALL_SID,
      QueueResult: 'bridged',
      QueueTime: '95',
    });
    expect(await dropped('queue-result')).toBe(0);
    await post('/voice/dequeued?queue=customers', take);
    expect(await dropped('dequeued')).toBe(1);
  });

  it('counts a repeated TaskRouter event delivery as a duplicate dropped', async () => {
    const { post, metrics } = buildTestApp();
    const event = {
      EventType: 'worker.attributes.update',
      Sid: `EV${'3'.repeat(32)}`,
      AccountSid: `AC${'0'.repeat(32)}`,
      WorkspaceSid: `WS${'4'.repeat(32)}`,
      ResourceType: 'Worker',
      ResourceSid: `WK${'1'.repeat(32)}`,
      Timestamp: '1795460000',
      WorkerSid: `WK${'1'.repeat(32)}`,
      WorkerAttributes: '{}',
    };

    await post('/taskrouter/events', event);
    await post('/taskrouter/events', event);

    expect(
      await sampleOf(metrics, 'holdline_duplicate_deliveries_dropped_total', {
        source: 'taskrouter-event',
      }),
    ).toBe(1);
    expect(
      await sampleOf(metrics, `${DURATION}_count`, { route: '/taskrouter/events', status: '204' }),
    ).toBe(2);
  });
});
