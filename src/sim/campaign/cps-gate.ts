const WINDOW_MS = 1000;

/**
 * The account's calls per second, as Twilio applies it: creates beyond the pace are queued, not
 * refused, and start in order as the pace allows. At most `limit` starts fall in any window of
 * one second, (t − 1 s, t]. Also measures the most starts seen in one such window.
 */
export class CpsGate<T> {
  private readonly recentStarts: number[] = []; // the last `limit` start times, oldest first
  private readonly queue: T[] = [];
  private head = 0;
  private window: number[] = []; // starts within the last second, for the measured maximum
  private windowHead = 0;
  maxStartsPerSecond = 0;

  constructor(readonly limit: number) {}

  get queued(): number {
    return this.queue.length - this.head;
  }

  /** When the next start may happen, at or after `now`. */
  nextStartAt(now: number): number {
    if (this.recentStarts.length < this.limit) return now;
    return Math.max(now, (this.recentStarts[0] as number) + WINDOW_MS);
  }

  /** How many could start at `now` without waiting (none while others are queued). */
  availableAt(now: number): number {
    if (this.queued > 0) return 0;
    let inWindow = 0;
    // Compared as `start + 1 s` throughout, the same float sum as nextStartAt: no rounding gap.
    for (const at of this.recentStarts) if (at + WINDOW_MS > now) inWindow++;
    return this.limit - inWindow;
  }

  enqueue(item: T): void {
    this.queue.push(item);
  }

  /** Takes the queued items allowed to start at `now`, oldest first. */
  startDue(now: number): T[] {
    const started: T[] = [];
    while (this.queued > 0 && this.nextStartAt(now) <= now) {
      started.push(this.queue[this.head++] as T);
      this.recordStart(now);
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    return started;
  }

  private recordStart(at: number): void {
    this.recentStarts.push(at);
    if (this.recentStarts.length > this.limit) this.recentStarts.shift();
    this.window.push(at);
    while ((this.window[this.windowHead] as number) + WINDOW_MS <= at) this.windowHead++;
    this.maxStartsPerSecond = Math.max(
      this.maxStartsPerSecond,
      this.window.length - this.windowHead,
    );
    if (this.windowHead > 1024) {
      this.window = this.window.slice(this.windowHead);
      this.windowHead = 0;
    }
  }
}
