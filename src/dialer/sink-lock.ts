/**
 * "Once across processes" for start-up chores (making the Event Streams sink): the holder runs
 * the chore, and a process that starts meanwhile leaves it to the holder. Held for a bounded
 * time, so a holder that dies mid-way does not block the next start.
 */
export interface SinkLock {
  /** The release function, or undefined when another process holds the lock. */
  acquire(ttlMs: number): Promise<(() => Promise<void>) | undefined>;
}

/** One process (embedded mode): nobody to race with, but two calls in it still take turns. */
export function createLocalSinkLock(): SinkLock {
  let held = false;
  return {
    acquire() {
      if (held) return Promise.resolve(undefined);
      held = true;
      return Promise.resolve(() => {
        held = false;
        return Promise.resolve();
      });
    },
  };
}
