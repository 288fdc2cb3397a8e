/** One scheduled event: what happens and when (virtual ms). */
export interface TimedEvent<T> {
  readonly at: number;
  readonly event: T;
}

/** The future events of a simulation, earliest first. */
export interface EventQueue<T> {
  push(at: number, event: T): void;
  /** Removes and returns the earliest event; undefined when none is left. */
  pop(): TimedEvent<T> | undefined;
  /** The time of the earliest event, without removing it. */
  peekTime(): number | undefined;
  readonly size: number;
}

// Held locally: under jest's vm context each lookup of a global such as `Number` is slow.
const isNotANumber = Number.isNaN;

interface Slot<T> {
  readonly at: number;
  /** Insertion number: equal times come out in the order they went in, so runs repeat exactly. */
  readonly seq: number;
  readonly event: T;
}

/**
 * A binary min-heap on (time, insertion order). A heap rather than a sorted array: a run of a
 * few simulated hours schedules tens of thousands of events, and each push or pop stays
 * O(log n).
 */
export function createEventQueue<T>(): EventQueue<T> {
  const heap: Slot<T>[] = [];
  let inserted = 0;

  const before = (a: Slot<T>, b: Slot<T>): boolean =>
    a.at < b.at || (a.at === b.at && a.seq < b.seq);

  function siftUp(index: number): void {
    const slot = heap[index] as Slot<T>;
    let i = index;
    while (i > 0) {
      const parentIndex = (i - 1) >> 1;
      const parent = heap[parentIndex] as Slot<T>;
      if (!before(slot, parent)) break;
      heap[i] = parent;
      i = parentIndex;
    }
    heap[i] = slot;
  }

  function siftDown(index: number): void {
    const slot = heap[index] as Slot<T>;
    const n = heap.length;
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      let child = left;
      if (right < n && before(heap[right] as Slot<T>, heap[left] as Slot<T>)) child = right;
      const smallest = heap[child] as Slot<T>;
      if (!before(smallest, slot)) break;
      heap[i] = smallest;
      i = child;
    }
    heap[i] = slot;
  }

  return {
    push(at, event) {
      if (isNotANumber(at)) throw new RangeError('event time must be a number');
      heap.push({ at, seq: inserted++, event });
      siftUp(heap.length - 1);
    },
    pop() {
      const top = heap[0];
      if (top === undefined) return undefined;
      const last = heap.pop() as Slot<T>;
      if (heap.length > 0) {
        heap[0] = last;
        siftDown(0);
      }
      return { at: top.at, event: top.event };
    },
    peekTime() {
      return heap[0]?.at;
    },
    get size() {
      return heap.length;
    },
  };
}
