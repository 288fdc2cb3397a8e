import type { Callback } from '../../src/callbacks/callback.js';
import { newCallback } from '../../src/callbacks/callback.js';
import { callbacksAhead, dueCallbacks, isCallbackDue } from '../../src/callbacks/due.js';
import type { QueueStats, StatsSnapshot } from '../../src/stats/queue-stats.js';

const NOW = Date.UTC(2026, 11, 7, 15, 0, 0);
const REFRESH = 5;

/** A caller who entered `agoSeconds` before NOW and asked for the callback 60 s before NOW. */
const callbackOf = (sid: string, agoSeconds: number, queue = 'support'): Callback =>
  newCallback({
    queue,
    phone: '+14155550101',
    callerCallSid: sid,
    enteredAt: NOW - agoSeconds * 1000,
    requestedAt: NOW - 60_000,
  });

const snapshotOf = (stats: Partial<QueueStats>): StatsSnapshot => ({
  fetchedAt: NOW - 2000,
  queues: [{ name: 'support', fetchedAt: NOW - 2000, ...stats }],
});

const due = (callback: Callback, snapshot: StatsSnapshot | undefined) =>
  isCallbackDue({ callback, snapshot, now: NOW, refreshSeconds: REFRESH });

describe('when a callback is due', () => {
  const entered10MinAgo = callbackOf('CA1', 600);

  it('the queue is empty: due', () => {
    expect(due(entered10MinAgo, snapshotOf({ waitingCallers: 0 }))).toBe(true);
  });

  it('a caller who entered before it still waits: not due', () => {
    // 598 s at the poll, 2 s ago: 600 s now, entered at the same moment, not after.
    expect(due(entered10MinAgo, snapshotOf({ waitingCallers: 3, longestWaitSeconds: 598 }))).toBe(
      false,
    );
    expect(due(entered10MinAgo, snapshotOf({ waitingCallers: 3, longestWaitSeconds: 900 }))).toBe(
      false,
    );
  });

  it('everyone waiting entered after it: due', () => {
    expect(due(entered10MinAgo, snapshotOf({ waitingCallers: 3, longestWaitSeconds: 597 }))).toBe(
      true,
    );
  });

  it('stale, missing or unknown stats: not due (never early)', () => {
    expect(due(entered10MinAgo, snapshotOf({ waitingCallers: 0, stale: true }))).toBe(false);
    expect(
      due(entered10MinAgo, {
        fetchedAt: NOW - 20_000,
        queues: [{ name: 'support', fetchedAt: NOW - 20_000, waitingCallers: 0 }],
      }),
    ).toBe(false);
    expect(due(entered10MinAgo, undefined)).toBe(false);
    expect(due(entered10MinAgo, snapshotOf({ waitingCallers: 2 }))).toBe(false);
    expect(due(callbackOf('CA2', 600, 'sales'), snapshotOf({ waitingCallers: 0 }))).toBe(false);
  });

  it('stats taken before the caller left the queue: not due (they may count the caller)', () => {
    const justAsked = { ...entered10MinAgo, requestedAt: NOW - 1000 };
    expect(due(justAsked, snapshotOf({ waitingCallers: 0 }))).toBe(false);
  });

  it('earlier callbacks of the queue go first: the list stops at the first not due', () => {
    const callbacks = [
      callbackOf('CA3', 300),
      callbackOf('CA1', 600),
      callbackOf('CA2', 500),
      { ...callbackOf('CA0', 900), state: 'dialing' as const },
      callbackOf('CA9', 990, 'sales'),
    ];
    const listed = dueCallbacks({
      callbacks,
      queue: 'support',
      snapshot: snapshotOf({ waitingCallers: 2, longestWaitSeconds: 398 }),
      now: NOW,
      refreshSeconds: REFRESH,
    });

    expect(listed.map((c) => c.callerCallSid)).toEqual(['CA1', 'CA2']);
  });
});

describe('callbacks ahead of a caller on hold', () => {
  it('counts the queue’s waiting and dialing callbacks that entered before the caller', () => {
    const callbacks = [
      callbackOf('CA1', 600),
      { ...callbackOf('CA2', 500), state: 'dialing' as const },
      { ...callbackOf('CA3', 450), state: 'connected' as const },
      { ...callbackOf('CA4', 420), state: 'failed' as const },
      callbackOf('CA5', 100),
      callbackOf('CA6', 700, 'sales'),
    ];

    expect(callbacksAhead(callbacks, 'support', NOW - 400_000)).toBe(2);
    expect(callbacksAhead(callbacks, 'support', NOW - 50_000)).toBe(3);
    expect(callbacksAhead(callbacks, 'support', NOW - 650_000)).toBe(0);
  });
});
