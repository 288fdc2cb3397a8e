/** Someone in a waiting line: a real caller, or the ghost a caller left when it hung up. */
export interface Waiter {
  readonly arrivalAt: number;
  status: 'waiting' | 'ghost' | 'done';
}

/**
 * One queue's line, first come first served. A caller who abandons stays in place as a ghost:
 * the ghost records when the caller would have been taken had it kept waiting (its ground
 * truth), yet counts in no size or position and takes no agent. Entries only ever leave from
 * the head (a real caller when taken, a ghost when an agent reaches it), so nothing is ever
 * spliced out of the middle, and every operation is O(1) amortised.
 */
export interface WaitingLine<T extends Waiter> {
  /** Real callers waiting (ghosts excluded). */
  readonly waiting: number;
  join(caller: T): void;
  /** Turns a waiting caller into a ghost in the same place. */
  abandon(caller: T): void;
  /**
   * What a free agent does at this line: every ghost ahead of the first real caller is
   * resolved (`onGhost`) and dropped, then that caller is taken off and returned. Undefined
   * when no real caller waits (the ghosts are gone all the same).
   */
  takeNext(onGhost: (ghost: T) => void): T | undefined;
  /**
   * What a free agent does before it calls a callback back whose place is at `at`: the ghosts
   * at the head that entered before it would have been taken first (`onGhost`), and are dropped.
   */
  dropGhostsBefore(at: number, onGhost: (ghost: T) => void): void;
  /** 1 = next: real callers ahead of this one + 1; undefined when it is not waiting. O(n). */
  positionOf(caller: T): number | undefined;
  /** Sum of the ages (ms) of the real callers waiting at `now`. */
  totalAge(now: number): number;
  /** Arrival time of the oldest real caller waiting; undefined when none. */
  oldestArrival(): number | undefined;
}

const COMPACT_AFTER = 1024;

export function createWaitingLine<T extends Waiter>(): WaitingLine<T> {
  let entries: T[] = [];
  let head = 0; // entries before head have left
  let oldest = 0; // entries in [head, oldest) are ghosts; only ever moves forward
  let waiting = 0;
  // Sum of (arrival − base) over the real callers waiting: mean age without a scan. `base` is
  // an arrival since the line was last empty, not 0: with epoch-ms times the products below
  // would lose microseconds to rounding.
  let arrivalSum = 0;
  let base = 0;

  function leaveHead(): T {
    const entry = entries[head] as T;
    head++;
    if (oldest < head) oldest = head;
    if (head >= COMPACT_AFTER && head * 2 >= entries.length) {
      entries = entries.slice(head);
      oldest -= head;
      head = 0;
    }
    return entry;
  }

  function realLeaves(caller: T): void {
    waiting--;
    // Reset at empty so float rounding cannot build up over a long run.
    arrivalSum = waiting === 0 ? 0 : arrivalSum - (caller.arrivalAt - base);
  }

  return {
    get waiting() {
      return waiting;
    },
    join(caller) {
      caller.status = 'waiting';
      entries.push(caller);
      if (waiting === 0) base = caller.arrivalAt;
      waiting++;
      arrivalSum += caller.arrivalAt - base;
    },
    abandon(caller) {
      if (caller.status !== 'waiting') throw new Error('only a waiting caller can abandon');
      caller.status = 'ghost';
      realLeaves(caller);
    },
    takeNext(onGhost) {
      while (head < entries.length) {
        const entry = leaveHead();
        if (entry.status === 'ghost') {
          entry.status = 'done';
          onGhost(entry);
          continue;
        }
        entry.status = 'done';
        realLeaves(entry);
        return entry;
      }
      return undefined;
    },
    dropGhostsBefore(at, onGhost) {
      for (let entry = entries[head]; entry !== undefined; entry = entries[head]) {
        if (entry.status !== 'ghost' || entry.arrivalAt >= at) return;
        leaveHead().status = 'done';
        onGhost(entry);
      }
    },
    positionOf(caller) {
      if (caller.status !== 'waiting') return undefined;
      let ahead = 0;
      for (let i = head; i < entries.length; i++) {
        const entry = entries[i] as T;
        if (entry === caller) return ahead + 1;
        if (entry.status === 'waiting') ahead++;
      }
      return undefined;
    },
    totalAge(now) {
      return waiting * (now - base) - arrivalSum;
    },
    oldestArrival() {
      if (waiting === 0) return undefined;
      while ((entries[oldest] as T).status !== 'waiting') oldest++;
      return (entries[oldest] as T).arrivalAt;
    },
  };
}
