import type { StatsSnapshot } from '../../src/stats/queue-stats.js';
import { NOW } from '../support/test-app.js';

/** The demo's two queues as a poll 5 s before NOW left them (NOW is Monday 10:00 UTC). */
export const demoQueues: StatsSnapshot = {
  fetchedAt: NOW - 5_000,
  queues: [
    {
      name: 'premium-customers',
      voiceQueueSid: `QU${'1'.repeat(32)}`,
      fetchedAt: NOW - 5_000,
      waitingCallers: 2,
      longestWaitSeconds: 45,
      availableWorkers: 1,
      eligibleWorkers: 4,
      servedInWindow: 40,
      windowSeconds: 1_800,
      serviceLevel: [
        {
          thresholdSeconds: 30,
          acceptedWithin: 30,
          acceptedAbove: 10,
          abandonedWithin: 1,
          abandonedAbove: 0,
        },
      ],
    },
    {
      name: 'customers',
      voiceQueueSid: `QU${'2'.repeat(32)}`,
      fetchedAt: NOW - 5_000,
      waitingCallers: 6,
      longestWaitSeconds: 130,
      availableWorkers: 0,
      eligibleWorkers: 9,
      servedInWindow: 30,
      windowSeconds: 1_800,
    },
  ],
};

export const caller = { CallSid: 'CA0123456789abcdef0123456789abcdef', From: '+15550109999' };
