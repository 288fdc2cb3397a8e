/**
 * The account's CPS queue, as Twilio runs it: creates are never refused for going faster than
 * CPS; each call is given the next dialing slot, `1000 / callsPerSecond` ms after the one
 * before, and its queue_time is the wait until that slot. So at most callsPerSecond calls start
 * dialing in any second. The tally counts creates accepted and dial starts per whole second of
 * the scheduler clock, for tests and benchmarks to check a dialer's pace against.
 */

export interface CallSecond {
  /** Epoch second. */
  readonly second: number;
  readonly creates: number;
  readonly dials: number;
}

export interface CallStats {
  readonly creates: number;
  readonly dials: number;
  readonly maxCreatesPerSecond: number;
  readonly maxDialsPerSecond: number;
  /** Creates refused with 429 because too many were in flight. */
  readonly tooManyConcurrent: number;
  /** Creates that made a call but whose answer was lost (500 or a dropped connection). */
  readonly lostAnswers: number;
  /** Creates that failed before anything was created. */
  readonly failedBeforeCreate: number;
  /** Every second with a create or a dial start, in order. */
  readonly seconds: readonly CallSecond[];
}

export interface CallPacing {
  /** Takes the next dialing slot for a call created at `now`: the epoch ms it may dial. */
  nextSlot(now: number): number;
  countCreate(at: number): void;
  countDial(at: number): void;
  countRefusal(kind: 'tooManyConcurrent' | 'lostAnswers' | 'failedBeforeCreate'): void;
  stats(): CallStats;
  clear(): void;
}

export function createCallPacing(callsPerSecond: number): CallPacing {
  const spacingMs = 1000 / callsPerSecond;
  let nextFree = Number.NEGATIVE_INFINITY;
  let seconds = new Map<number, { creates: number; dials: number }>();
  let refusals = { tooManyConcurrent: 0, lostAnswers: 0, failedBeforeCreate: 0 };
  const bucket = (at: number) => {
    const second = Math.floor(at / 1000);
    let entry = seconds.get(second);
    if (entry === undefined) {
      entry = { creates: 0, dials: 0 };
      seconds.set(second, entry);
    }
    return entry;
  };
  return {
    nextSlot(now) {
      const slot = Math.max(now, nextFree);
      nextFree = slot + spacingMs;
      return Math.ceil(slot);
    },
    countCreate: (at) => void (bucket(at).creates += 1),
    countDial: (at) => void (bucket(at).dials += 1),
    countRefusal(kind) {
      refusals[kind] += 1;
    },
    stats() {
      const list = [...seconds.entries()]
        .sort(([a], [b]) => a - b)
        .map(([second, counts]) => ({ second, ...counts }));
      return {
        creates: list.reduce((sum, s) => sum + s.creates, 0),
        dials: list.reduce((sum, s) => sum + s.dials, 0),
        maxCreatesPerSecond: Math.max(0, ...list.map((s) => s.creates)),
        maxDialsPerSecond: Math.max(0, ...list.map((s) => s.dials)),
        ...refusals,
        seconds: list,
      };
    },
    clear() {
      seconds = new Map();
      refusals = { tooManyConcurrent: 0, lostAnswers: 0, failedBeforeCreate: 0 };
    },
  };
}
