/**
 * Time for the emulated calls: when "now" is and how to wait. Real time by default; a test or
 * a benchmark passes one of its own (a manual clock it advances) to run a campaign's worth of
 * calls in milliseconds and see exactly which transition happens when.
 */
export interface CallScheduler {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `run` after `ms` (0 or less: soon, not synchronously); the answer cancels it. */
  after(ms: number, run: () => void): () => void;
}

export const realTimeScheduler: CallScheduler = {
  now: () => Date.now(),
  after(ms, run) {
    const timer = setTimeout(run, Math.max(0, ms));
    return () => clearTimeout(timer);
  },
};
