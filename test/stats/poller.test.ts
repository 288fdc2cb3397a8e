import type { Wait } from '../../src/clock.js';
import { defaultQueueMetadata } from '../../src/metadata/queue-metadata.js';
import type { StatsSnapshot } from '../../src/stats/queue-stats.js';
import { eventually } from '../support/eventually.js';
import { requestsTo, type PollerHarness, usePollerHarnesses } from './poller-harness.js';

jest.setTimeout(30_000);

const STATS_LIST = /\/TaskQueues\/Statistics$/;
const QUEUE_LIST = /\/TaskQueues$/;
const VOICE_LIST = /\/Queues\.json$/;
const PER_QUEUE = /\/TaskQueues\/WQ[0-9a-f]{32}\/Statistics$/;

const names = (snapshot: StatsSnapshot) => snapshot.queues.map((q) => q.name);
const T0 = Date.parse('2026-12-07T09:00:00Z');

/** The poller's waits between cycles, held: each ends only when its signal aborts. */
function heldWaits() {
  const waits: { ms: number; signal: AbortSignal | undefined }[] = [];
  const wait: Wait = (ms, signal) => {
    waits.push({ ms, signal });
    return new Promise((_resolve, reject) => {
      const end = () => reject(signal?.reason as Error);
      if (signal?.aborted === true) end();
      else signal?.addEventListener('abort', end, { once: true });
    });
  };
  return { waits, wait };
}

describe('the stats poller against the emulator', () => {
  const startHarness = usePollerHarnesses();
  let h: PollerHarness | undefined;

  /** One queue, a clock that stands still, the loop's waits held by the test; the cycle lines. */
  async function startWithHeldWaits() {
    const held = heldWaits();
    h = await startHarness({
      clock: { now: () => T0 },
      wait: held.wait,
      emulator: { workspace: { queueNames: ['a'], seed: 1 } },
    });
    const harness = h;
    const cycles = () => harness.logs.filter((l) => l.msg.startsWith('stats cycle'));
    return { held, cycles, poller: harness.poller };
  }

  it('reads 2,500 queues with three pages per listing and writes them all in one snapshot', async () => {
    h = await startHarness({ emulator: { workspace: { queueCount: 2_500, seed: 7 } } });

    const snapshot = await h.poller.runCycle();

    expect(snapshot.queues).toHaveLength(2_500);
    expect(new Set(names(snapshot)).size).toBe(2_500);
    for (const q of snapshot.queues) {
      expect(q.taskQueueSid).toMatch(/^WQ[0-9a-f]{32}$/);
      expect(q.voiceQueueSid).toMatch(/^QU[0-9a-f]{32}$/);
      expect(q.servedInWindow).toEqual(expect.any(Number));
      expect(q.serviceLevel?.map((s) => s.thresholdSeconds)).toEqual([30, 60]);
      expect(q.stale).toBe(false);
      expect(q.metadata).toEqual(defaultQueueMetadata(q.name));
    }
    expect(requestsTo(h.emulator, QUEUE_LIST)).toHaveLength(3);
    expect(requestsTo(h.emulator, STATS_LIST)).toHaveLength(3);
    expect(requestsTo(h.emulator, VOICE_LIST)).toHaveLength(3);
    expect(requestsTo(h.emulator, PER_QUEUE)).toHaveLength(0);
    expect(snapshot.cycle).toMatchObject({
      requests: 9,
      retries: 0,
      failedQueues: 0,
      complete: true,
    });
    expect(h.store.currentSnapshot()).toBe(snapshot);
    expect(h.logs.find((l) => l.msg === 'stats cycle')).toMatchObject({
      queues: 2_500,
      requests: 9,
    });
  });

  it('tells its listener every snapshot it built; a listener that throws costs a log line', async () => {
    const told: StatsSnapshot[] = [];
    h = await startHarness({
      emulator: { workspace: { queueCount: 3, seed: 7 } },
      onSnapshot: (snapshot) => {
        told.push(snapshot);
        throw new Error('listener broke');
      },
    });

    const first = await h.poller.runCycle();
    const second = await h.poller.runCycle();

    expect(told).toEqual([first, second]);
    expect(h.store.currentSnapshot()).toBe(second);
    expect(h.logs.filter((l) => l.msg === 'stats poller: a snapshot listener failed')).toHaveLength(
      2,
    );
  });

  it('asks the bulk endpoint for the configured window and service-level splits', async () => {
    h = await startHarness();
    await h.poller.runCycle();
    const [bulk] = requestsTo(h.emulator, STATS_LIST);
    expect(bulk?.query).toMatchObject({
      Minutes: '30',
      SplitByWaitTime: '30,60',
      PageSize: '1000',
    });
  });

  it('falls back to per-queue statistics, never more than the pool size at once, when the bulk endpoint keeps failing', async () => {
    h = await startHarness({
      retryLimit: 1,
      concurrency: 3,
      emulator: { workspace: { queueCount: 24, seed: 3 } },
    });
    h.emulator.faults.script({
      kind: 'server-error',
      status: 503,
      match: STATS_LIST.source,
      times: 2,
    });
    h.emulator.faults.script({ kind: 'delay', ms: 30, match: PER_QUEUE.source, times: 24 });

    const snapshot = await h.poller.runCycle();

    expect(snapshot.queues.filter((q) => q.stale === false)).toHaveLength(24);
    const perQueue = requestsTo(h.emulator, PER_QUEUE);
    expect(perQueue).toHaveLength(24);
    // Overlap from the log's arrival times and durations: at most 3 in flight at any moment.
    const maxInFlight = Math.max(
      ...perQueue.map(
        (a) => perQueue.filter((b) => b.at <= a.at && a.at < b.at + b.durationMs).length,
      ),
    );
    expect(maxInFlight).toBeLessThanOrEqual(3);
    expect(maxInFlight).toBeGreaterThan(1); // a pool, not one at a time
  });

  it('loses no queue when 10% of requests fail in every way the emulator can fail', async () => {
    h = await startHarness({
      retryLimit: 6,
      emulator: {
        workspace: { queueCount: 300, seed: 11 },
        faults: { serverErrorShare: 0.04, dropShare: 0.03, malformedShare: 0.03, seed: 5 },
      },
    });
    h.emulator.faults.script({ kind: 'server-error', match: STATS_LIST.source, times: 7 }); // force the per-queue path too

    const snapshot = await h.poller.runCycle();

    expect(snapshot.queues).toHaveLength(300);
    expect(snapshot.queues.filter((q) => q.stale === true)).toEqual([]);
    expect(snapshot.cycle?.retries).toBeGreaterThan(0);
    expect(snapshot.cycle?.complete).toBe(true);
  });

  it('keeps the last good numbers of a queue whose statistics cannot be read, marked stale with why', async () => {
    h = await startHarness({
      retryLimit: 1,
      emulator: { workspace: { queueNames: ['premium-customers', 'customers'], seed: 2 } },
    });
    const first = await h.poller.runCycle();
    const before = first.queues.find((q) => q.name === 'customers');
    const sid = before?.taskQueueSid ?? '';

    h.emulator.faults.script({ kind: 'server-error', match: STATS_LIST.source, times: 2 });
    h.emulator.faults.script({
      kind: 'server-error',
      status: 503,
      match: `${sid}/Statistics$`,
      times: 2,
    });
    const second = await h.poller.runCycle();

    const customers = second.queues.find((q) => q.name === 'customers');
    expect(customers).toMatchObject({
      servedInWindow: before?.servedInWindow,
      fetchedAt: before?.fetchedAt,
      stale: true,
    });
    expect(customers?.lastError).toMatch(/statistics of customers: .*503/);
    expect(second.queues.find((q) => q.name === 'premium-customers')?.stale).toBe(false);
    expect(second.cycle).toMatchObject({ failedQueues: 1, complete: false });
    expect(h.logs.some((l) => l.msg.startsWith('stats cycle incomplete'))).toBe(true);
  });

  it('adds new queues with default metadata and removes deleted ones, metadata included', async () => {
    h = await startHarness({ emulator: { workspace: { queueNames: ['a', 'b'], seed: 4 } } });
    await h.poller.runCycle();

    h.emulator.workspace.remove('a');
    h.emulator.workspace.add({ friendlyName: 'c' });
    const snapshot = await h.poller.runCycle();

    expect(names(snapshot)).toEqual(['b', 'c']);
    expect(snapshot.queues.find((q) => q.name === 'c')).toMatchObject({
      stale: false,
      metadata: defaultQueueMetadata('c'),
    });
    expect([...(await h.metadata.list()).keys()]).toEqual(['b', 'c']);
  });

  it('gives configured queues Twilio does not list yet default metadata, and keeps them', async () => {
    h = await startHarness({
      configuredQueues: ['a', 'launch'],
      emulator: { workspace: { queueNames: ['a'], seed: 4 } },
    });
    const snapshot = await h.poller.runCycle();

    // Not in the stats (Twilio has no numbers for it), but supervisors can edit it.
    expect(names(snapshot)).toEqual(['a']);
    expect(await h.metadata.get('launch')).toEqual({
      metadata: defaultQueueMetadata('launch'),
      version: 1,
    });
    await h.metadata.update('launch', { ...defaultQueueMetadata('launch'), displayName: 'L' }, 1);
    await h.poller.runCycle();
    expect(await h.metadata.get('launch')).toMatchObject({ version: 2 });
    expect([...(await h.metadata.list()).keys()]).toEqual(['a', 'launch']);
  });

  it('adds configured queues to the metadata even when no listing answers', async () => {
    h = await startHarness({
      retryLimit: 0,
      configuredQueues: ['launch'],
      emulator: { workspace: { queueNames: ['a'], seed: 4 } },
    });
    h.emulator.faults.script({ kind: 'server-error', match: VOICE_LIST.source, times: 1 });
    const snapshot = await h.poller.runCycle();

    expect(snapshot.cycle?.complete).toBe(false);
    expect([...(await h.metadata.list()).keys()]).toEqual(['launch']);
  });

  it('does not delete queues when a listing is cut short', async () => {
    h = await startHarness({
      retryLimit: 0,
      emulator: { workspace: { queueCount: 1_500, seed: 8 } },
    });
    await h.poller.runCycle();

    // The second page of the TaskQueues list fails for good this time.
    h.emulator.faults.script({ kind: 'delay', ms: 0, match: QUEUE_LIST.source, times: 1 });
    h.emulator.faults.script({ kind: 'server-error', match: QUEUE_LIST.source, times: 1 });
    const snapshot = await h.poller.runCycle();

    expect(snapshot.queues).toHaveLength(1_500);
    expect((await h.metadata.list()).size).toBe(1_500);
    expect(snapshot.cycle?.complete).toBe(false);
  });

  it('fails fast on a 4xx other than 429 (wrong credentials): no retries, a clear log', async () => {
    h = await startHarness({ emulator: { authToken: 'not-what-the-client-sends' } });

    const snapshot = await h.poller.runCycle();

    expect(snapshot.queues).toEqual([]);
    expect(snapshot.cycle).toMatchObject({ requests: 3, retries: 0, complete: false });
    const line = h.logs.find((l) => l.msg.startsWith('stats cycle incomplete'));
    expect(JSON.stringify(line?.problems)).toContain('401');
  });

  it('honours Retry-After on a 429', async () => {
    // The retry's wait, seen rather than timed: how long was asked for, and what had gone out.
    const retryWaits: { ms: number; requestsBefore: number }[] = [];
    h = await startHarness({
      workspace: false,
      retryWait: (ms) => {
        const requestsBefore = h === undefined ? -1 : requestsTo(h.emulator, VOICE_LIST).length;
        retryWaits.push({ ms, requestsBefore });
        return Promise.resolve();
      },
    });
    h.emulator.faults.script({
      kind: 'rate-limited',
      retryAfterSeconds: 1,
      match: VOICE_LIST.source,
    });

    await h.poller.runCycle();

    const [refused, retried, ...more] = requestsTo(h.emulator, VOICE_LIST);
    expect(refused?.status).toBe(429);
    expect(retried?.status).toBe(200);
    expect(more).toEqual([]);
    // Retry-After's second, not the harness's backoff of at most 40 ms, between the two.
    expect(retryWaits).toEqual([{ ms: 1_000, requestsBefore: 1 }]);
  });

  it('ends a cycle at its deadline and keeps what it read', async () => {
    h = await startHarness({
      cycleTimeoutMs: 300,
      // Neither an attempt's timeout nor the delayed answer ends the cycle before the test's own
      // timeout: only the deadline can.
      timeoutMs: 600_000,
      emulator: { workspace: { queueNames: ['a', 'b'], seed: 9 } },
    });
    h.emulator.faults.script({ kind: 'delay', ms: 600_000, match: STATS_LIST.source });

    const snapshot = await h.poller.runCycle();

    expect(names(snapshot)).toEqual(['a', 'b']); // listings answered; statistics did not
    expect(snapshot.queues.every((q) => q.stale === true)).toBe(true);
    expect(h.logs.find((l) => l.msg.startsWith('stats cycle incomplete'))?.cutOff).toMatch(
      /deadline/,
    );
  });

  it('runs one loop of cycles at the refresh period, and stops without waiting out the period', async () => {
    const { held, cycles, poller } = await startWithHeldWaits();

    poller.start();
    poller.start(); // a second start is a no-op, not a second loop
    await eventually(() => expect(held.waits).toHaveLength(1)); // a cycle ran; the loop waits
    expect(cycles()).toHaveLength(1);
    expect(held.waits[0]?.ms).toBe(15_000); // the next one is due 15 s after the first began

    await poller.stop(); // returns only because it ends the wait
    expect(held.waits[0]?.signal?.aborted).toBe(true);
    // A second loop would have run its own cycle before stop() returned.
    expect(cycles()).toHaveLength(1);
    expect(held.waits).toHaveLength(1);
  });

  it('runs a cycle at once when asked (a queue created), without waiting out the period', async () => {
    const { held, cycles, poller } = await startWithHeldWaits();
    poller.refreshSoon(); // before start: nothing to wake, nothing breaks
    poller.start();
    await eventually(() => expect(held.waits).toHaveLength(1));
    expect(cycles()).toHaveLength(1);

    poller.refreshSoon();
    await eventually(() => expect(held.waits).toHaveLength(2)); // one more cycle, then a wait
    expect(held.waits[0]?.signal?.aborted).toBe(true);
    expect(cycles()).toHaveLength(2);
    expect(held.waits[1]).toMatchObject({ ms: 15_000 }); // and then the period again
    expect(held.waits[1]?.signal?.aborted).toBe(false);
    await poller.stop();
  });

  it('runs again when started while a stop is still winding down (deposed, then re-elected)', async () => {
    h = await startHarness({ emulator: { workspace: { queueNames: ['a'], seed: 1 } } });
    const cycles = () => h?.logs.filter((l) => l.msg.startsWith('stats cycle')) ?? [];
    h.emulator.faults.script({ kind: 'delay', ms: 300, match: VOICE_LIST.source });

    h.poller.start();
    await eventually(() => expect(h?.emulator.faults.pending).toHaveLength(0)); // first cycle out
    const stopping = h.poller.stop(); // its cycle is cut short and still being written
    h.poller.start();
    await stopping;

    await eventually(() => expect(cycles()).toHaveLength(2)); // the new term's own cycle
  });

  it('cuts the cycle in flight short when stopped, still writing what it read', async () => {
    h = await startHarness({ emulator: { workspace: { queueNames: ['a'], seed: 1 } } });
    h.emulator.faults.script({ kind: 'delay', ms: 10_000, match: STATS_LIST.source });

    h.poller.start();
    await eventually(() => expect(h?.emulator.faults.pending).toHaveLength(0)); // the slow call is out
    await h.poller.stop();

    const line = h.logs.find((l) => l.msg.startsWith('stats cycle'));
    expect(line?.cutOff).toBe('poller stopping');
    expect(h.store.currentSnapshot()?.queues.map((q) => q.name)).toEqual(['a']);
  });
});
