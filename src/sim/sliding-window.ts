/**
 * Count and sum of values recorded in the trailing window (now − window, now]: TaskRouter's
 * cumulative statistics over the last N minutes. Times are recorded in order, so expiring is a
 * head pointer moving forward, not a scan.
 */
export interface SlidingWindow {
  record(at: number, value?: number): void;
  /** Forgets what fell out of the window ending at `now`; `now` never goes back. */
  advance(now: number): void;
  readonly count: number;
  readonly sum: number;
}

export function createSlidingWindow(windowMs: number): SlidingWindow {
  let times: number[] = [];
  let values: number[] = [];
  let head = 0;
  let sum = 0;
  return {
    record(at, value = 0) {
      times.push(at);
      values.push(value);
      sum += value;
    },
    advance(now) {
      const cutoff = now - windowMs;
      while (head < times.length && (times[head] as number) <= cutoff) {
        sum -= values[head] as number;
        head++;
      }
      if (head === times.length) sum = 0; // no float residue when empty
      if (head >= 1024 && head * 2 >= times.length) {
        times = times.slice(head);
        values = values.slice(head);
        head = 0;
      }
    },
    get count() {
      return times.length - head;
    },
    get sum() {
      return sum;
    },
  };
}
