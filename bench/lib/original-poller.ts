import type { Twilio } from 'twilio';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * The original "queue stats" design's refresh, reproduced with its behaviour (not its code) for
 * comparison: the queue list is read as one page of at most 100; then every queue's six
 * statistics requests start at once (its throttle did not hold them back); each request is
 * retried a fixed number of times after a fixed pause, whatever the error; and the first request
 * that still fails rejects the whole refresh, so nothing from that run reaches the cache.
 */
export const ORIGINAL_REQUESTS_PER_QUEUE = 6;
const LIST_CAP = 100;
const FIXED_RETRIES = 3;
const FIXED_PAUSE_MS = 1_000;

export interface OriginalOutcome {
  /** Queues whose statistics the run delivered (0 when it aborted). */
  readonly refreshed: number;
  readonly aborted: boolean;
  readonly error?: string;
}

export async function runOriginalRefresh(
  client: Twilio,
  workspaceSid: string,
): Promise<OriginalOutcome> {
  const workspace = client.taskrouter.v1.workspaces(workspaceSid);
  try {
    const queues = await withFixedRetries(() => workspace.taskQueues.list({ limit: LIST_CAP }));
    const startOfDay = new Date();
    startOfDay.setUTCHours(0, 0, 0, 0);
    const perQueue = queues.map((queue) => {
      const q = workspace.taskQueues(queue.sid);
      return Promise.all([
        withFixedRetries(() => q.fetch()),
        withFixedRetries(() => q.realTimeStatistics().fetch()),
        withFixedRetries(() => q.cumulativeStatistics().fetch({ minutes: 30 })),
        withFixedRetries(() => q.cumulativeStatistics().fetch({ splitByWaitTime: '30,60,120' })),
        withFixedRetries(() => q.cumulativeStatistics().fetch({ startDate: startOfDay })),
        withFixedRetries(() => q.statistics().fetch()),
      ]);
    });
    const results = await Promise.all(perQueue);
    return { refreshed: results.length, aborted: false };
  } catch (error) {
    return {
      refreshed: 0,
      aborted: true,
      error: error instanceof Error ? error.message : String(error),
    };
  }
}

async function withFixedRetries<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      if (attempt >= FIXED_RETRIES) throw error;
      await sleep(FIXED_PAUSE_MS);
    }
  }
}
