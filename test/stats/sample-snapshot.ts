import { defaultQueueMetadata } from '../../src/metadata/queue-metadata.js';
import type { QueueStats, StatsSnapshot } from '../../src/stats/queue-stats.js';

export const T0 = Date.parse('2026-11-23T10:00:00Z');

/** A queue as a complete cycle leaves it: every field the poller can fill, filled. */
export function fullQueue(name: string, fetchedAt: number, waitingCallers: number): QueueStats {
  return {
    name,
    voiceQueueSid: `QU${name.padEnd(32, '0').slice(0, 32)}`,
    taskQueueSid: `WQ${name.padEnd(32, '1').slice(0, 32)}`,
    fetchedAt,
    waitingCallers,
    longestWaitSeconds: 95,
    servedInWindow: 41,
    windowSeconds: 1800,
    abandonedInWindow: 3,
    enteredInWindow: 47,
    averageAcceptedWaitSeconds: 38.5,
    serviceLevel: [
      {
        thresholdSeconds: 30,
        acceptedWithin: 20,
        acceptedAbove: 21,
        abandonedWithin: 1,
        abandonedAbove: 2,
      },
      {
        thresholdSeconds: 60,
        acceptedWithin: 33,
        acceptedAbove: 8,
        abandonedWithin: 2,
        abandonedAbove: 1,
      },
    ],
    averageWaitSeconds: 42,
    maxSize: 100,
    eligibleWorkers: 12,
    availableWorkers: 2,
    stale: false,
    metadata: { ...defaultQueueMetadata(name), displayName: `${name} line` },
  };
}

/** A snapshot as the poller writes it: two queues (one stale), a cycle summary. */
export function fullSnapshot(fetchedAt = T0, waitingCallers = 4): StatsSnapshot {
  return {
    fetchedAt,
    queues: [
      fullQueue('premium-customers', fetchedAt, waitingCallers),
      {
        ...fullQueue('customers', fetchedAt - 15_000, waitingCallers * 3),
        stale: true,
        lastError: 'statistics of customers: 503 Service Unavailable',
      },
    ],
    cycle: {
      startedAt: fetchedAt - 850,
      durationMs: 850,
      requests: 3,
      retries: 1,
      failedQueues: 1,
      complete: false,
    },
  };
}
