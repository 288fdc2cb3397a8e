import { AsyncLocalStorage } from 'node:async_hooks';

/** What the REST calls made inside one unit of work (a poll cycle, a job batch) add up to. */
export interface RestTally {
  /** HTTP attempts sent, retries included. */
  requests: number;
  retries: number;
  /** Calls that failed for good (after their retries). */
  failures: number;
}

export interface RestCallContext {
  /** Aborts waiting for a response or a backoff: the unit of work ran out of time. */
  readonly signal?: AbortSignal;
  readonly tally: RestTally;
}

const storage = new AsyncLocalStorage<RestCallContext>();

/**
 * Runs `work` with a context that every Twilio REST call made inside it (through the SDK, which
 * has no way to pass one) reports to and obeys. Calls outside any context are counted nowhere
 * and have no deadline but their own timeout.
 */
export function runWithRestContext<T>(
  context: RestCallContext,
  work: () => Promise<T>,
): Promise<T> {
  return storage.run(context, work);
}

export function currentRestContext(): RestCallContext | undefined {
  return storage.getStore();
}

export function newRestTally(): RestTally {
  return { requests: 0, retries: 0, failures: 0 };
}
