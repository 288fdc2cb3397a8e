/*
 * Fencing for the poller's writes: a poller that paused past its lock's expiry (GC, a frozen
 * VM, a slow network) must not overwrite what the new leader wrote. The check runs in Redis, in
 * the same script as the write.
 */
/** A fenced write found the poller lock in other hands: this process is no longer the poller. */
export class LockLostError extends Error {
  readonly code = 'LOCK_LOST';

  constructor(readonly lockKey: string) {
    super(`not written: this process no longer holds the poller lock ${lockKey}`);
    this.name = 'LockLostError';
  }
}

export interface WriteFence {
  /** The poller lock's key; a write happens only while it still holds `token()`. */
  readonly lockKey: string;
  /** The token this process holds the lock with; undefined while it does not hold it. */
  token(): string | undefined;
}
