import { createMetrics } from '../../src/metrics/registry.js';
import { type PollerHarness, usePollerHarnesses } from '../stats/poller-harness.js';
import { sampleOf } from './sample.js';

jest.setTimeout(30_000);

const QUEUES = ['premium-customers', 'customers'];

describe('poll cycle and REST metrics, against the emulator', () => {
  const startHarness = usePollerHarnesses();
  let h: PollerHarness | undefined;

  it('count a complete cycle: its duration, requests, and each REST attempt as ok', async () => {
    const metrics = createMetrics({ processMetrics: false });
    h = await startHarness({
      metrics,
      emulator: { workspace: { queueNames: QUEUES, seed: 2 } },
    });

    const snapshot = await h.poller.runCycle();

    const requests = snapshot.cycle?.requests ?? 0;
    expect(requests).toBeGreaterThan(0);
    expect(
      await sampleOf(metrics, 'holdline_poll_cycle_duration_seconds_count', {
        outcome: 'complete',
      }),
    ).toBe(1);
    expect(await sampleOf(metrics, 'holdline_poll_rest_requests_total')).toBe(requests);
    expect(await sampleOf(metrics, 'holdline_poll_rest_retries_total')).toBe(0);
    expect(await sampleOf(metrics, 'holdline_poll_stale_queues')).toBe(0);
    expect(await sampleOf(metrics, 'holdline_twilio_rest_attempts_total', { outcome: 'ok' })).toBe(
      requests,
    );
  });

  it('count 429s apart from 5xx, retries and failures, and the queues left stale', async () => {
    const metrics = createMetrics({ processMetrics: false });
    h = await startHarness({
      metrics,
      retryLimit: 1,
      emulator: { workspace: { queueNames: QUEUES, seed: 2 } },
    });
    const first = await h.poller.runCycle();
    const sid = first.queues.find((q) => q.name === 'customers')?.taskQueueSid ?? '';
    h.emulator.faults.script({ kind: 'rate-limited', retryAfterSeconds: 0, match: 'Queues.json$' });
    h.emulator.faults.script({ kind: 'server-error', match: 'TaskQueues/Statistics$', times: 2 });
    h.emulator.faults.script({
      kind: 'server-error',
      status: 503,
      match: `${sid}/Statistics$`,
      times: 2,
    });

    const second = await h.poller.runCycle();

    const attempts = (outcome: string) =>
      sampleOf(metrics, 'holdline_twilio_rest_attempts_total', { outcome });
    expect(await attempts('429')).toBe(1);
    expect(await attempts('5xx')).toBe(4);
    expect(
      await sampleOf(metrics, 'holdline_poll_cycle_duration_seconds_count', {
        outcome: 'incomplete',
      }),
    ).toBe(1);
    // The 429 was retried once and taken; each 5xx pair was a try and its one retry.
    expect(await sampleOf(metrics, 'holdline_poll_rest_retries_total')).toBe(3);
    expect(await sampleOf(metrics, 'holdline_poll_rest_failures_total')).toBe(2);
    expect(await sampleOf(metrics, 'holdline_poll_stale_queues')).toBe(1);
    expect(await sampleOf(metrics, 'holdline_poll_rest_requests_total')).toBe(
      (first.cycle?.requests ?? 0) + (second.cycle?.requests ?? 0),
    );
  });
});
