import type { CallScheduler } from '../../src/emulator/emulator.js';

/**
 * A call scheduler on a clock the test moves: nothing happens until `advance`, which runs every
 * timer that falls due, in time order (timers set while it runs included), and leaves `now` at
 * the end of the step.
 */
export function createManualScheduler(start: number): CallScheduler & {
  advance(ms: number): void;
  readonly pending: number;
} {
  let now = start;
  let nextId = 0;
  let timers: { id: number; at: number; run: () => void }[] = [];
  return {
    now: () => now,
    after(ms, run) {
      nextId += 1;
      const id = nextId;
      timers.push({ id, at: now + Math.max(0, ms), run });
      return () => {
        timers = timers.filter((timer) => timer.id !== id);
      };
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = timers
          .filter((timer) => timer.at <= end)
          .sort((a, b) => a.at - b.at || a.id - b.id)[0];
        if (due === undefined) break;
        timers = timers.filter((timer) => timer !== due);
        now = due.at;
        due.run();
      }
      now = end;
    },
    get pending() {
      return timers.length;
    },
  };
}

/**
 * Moves `scheduler` on by `ms` in 100 ms steps, letting every webhook the emulator sent and the
 * answer it got run in between (`settled`), as a real clock would give them time to.
 */
export async function advanceSettling(
  scheduler: { advance(ms: number): void },
  settled: () => Promise<unknown>,
  ms: number,
): Promise<void> {
  for (let done = 0; done < ms; done += 100) {
    scheduler.advance(Math.min(100, ms - done));
    await settled();
  }
}
