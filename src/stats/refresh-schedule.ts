/**
 * When the Redis stats store re-reads: on a change notice, and on a timer for the notices missed
 * while the subscriber was away. One read at a time. A notice that arrives during a read asks
 * for one more after it (the read may have missed that write); a timer tick during a read is
 * simply dropped.
 */
export class RefreshSchedule {
  private inFlight: Promise<void> | undefined;
  private again = false;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  /** `read` must not reject: the store records its failures itself. */
  constructor(private readonly read: () => Promise<void>) {}

  /** Starts the timer; false when it was already started, or the schedule stopped. */
  startTimer(intervalMs: number): boolean {
    if (this.timer !== undefined || this.stopped) return false;
    this.timer = setInterval(() => this.request('timer'), intervalMs);
    this.timer.unref();
    return true;
  }

  request(cause: 'notice' | 'timer'): void {
    if (this.stopped) return;
    if (this.inFlight !== undefined) {
      if (cause === 'notice') this.again = true;
      return;
    }
    this.inFlight = this.readUntilCaughtUp().finally(() => {
      this.inFlight = undefined;
    });
  }

  /** Resolves when the reads in progress (if any) are over. */
  idle(): Promise<void> {
    return this.inFlight ?? Promise.resolve();
  }

  /** No read starts after this; the one in progress finishes (see idle). */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private async readUntilCaughtUp(): Promise<void> {
    do {
      this.again = false;
      await this.read();
    } while (this.again && !this.stopped);
  }
}
