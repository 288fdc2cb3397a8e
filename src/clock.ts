import { setTimeout as sleep } from 'node:timers/promises';

/** Time comes in through this, so tests and the simulator can run on a clock of their own. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * Waits `ms`, or rejects with the signal's reason once it aborts. Injected where a schedule or
 * a retry waits, so a test can see the wait asked for and decide when it ends.
 */
export type Wait = (ms: number, signal: AbortSignal | undefined) => Promise<void>;

export const realWait: Wait = (ms, signal) => sleep(ms, undefined, { signal });
