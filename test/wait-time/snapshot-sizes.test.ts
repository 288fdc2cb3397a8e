import type { StatsSnapshot } from '../../src/stats/queue-stats.js';
import type { QueueSizeObservation } from '../../src/wait-time/queue-activity.js';
import { observeSnapshotSizes } from '../../src/wait-time/snapshot-sizes.js';

const T0 = Date.parse('2026-11-23T10:00:00Z');

/** A cycle that started at `startedAt` and ended 300 ms later, with the queues it built. */
function cycle(startedAt: number, queues: StatsSnapshot['queues']): StatsSnapshot {
  const fetchedAt = startedAt + 300;
  return {
    fetchedAt,
    cycle: { startedAt, durationMs: 300, requests: 2, retries: 0, failedQueues: 0, complete: true },
    queues: queues.map((q) => ({ ...q, fetchedAt: q.fetchedAt === 0 ? fetchedAt : q.fetchedAt })),
  };
}

describe("passing a poll's queue sizes on to the caller count", () => {
  it('passes what the cycle read, as of the cycle start; not stale or kept numbers', () => {
    const seen: QueueSizeObservation[] = [];
    const observe = observeSnapshotSizes(
      { queueSizeObserved: (o) => seen.push(o) },
      {
        repeatAfterMs: 0,
      },
    );
    observe(
      cycle(T0, [
        { name: 'customers', fetchedAt: 0, waitingCallers: 7 },
        { name: 'kept', fetchedAt: T0 - 60_000, waitingCallers: 3 }, // not refreshed this cycle
        { name: 'failed', fetchedAt: 0, waitingCallers: 2, stale: true },
        { name: 'no-size', fetchedAt: 0 },
      ]),
    );
    expect(seen).toEqual([{ queue: 'customers', size: 7, at: T0 }]);
  });

  it('repeats an unchanged size only after repeatAfterMs; a change at once', () => {
    const seen: QueueSizeObservation[] = [];
    const observe = observeSnapshotSizes(
      { queueSizeObserved: (o) => seen.push(o) },
      {
        repeatAfterMs: 60_000,
      },
    );
    const poll = (seconds: number, size: number) =>
      observe(
        cycle(T0 + seconds * 1000, [{ name: 'customers', fetchedAt: 0, waitingCallers: size }]),
      );
    poll(0, 4);
    poll(5, 4);
    poll(10, 5);
    poll(55, 5);
    poll(70, 5);
    expect(seen.map((o) => [o.size, (o.at - T0) / 1000])).toEqual([
      [4, 0],
      [5, 10],
      [5, 70],
    ]);
  });
});
