import { createSeededRandom } from '../../src/lib/seeded-random.js';
import { createEventQueue } from '../../src/sim/event-queue.js';

function drain<T>(queue: ReturnType<typeof createEventQueue<T>>): [number, T][] {
  const out: [number, T][] = [];
  for (let next = queue.pop(); next !== undefined; next = queue.pop())
    out.push([next.at, next.event]);
  return out;
}

describe('the event queue', () => {
  it('returns events earliest first', () => {
    const queue = createEventQueue<string>();
    queue.push(30, 'c');
    queue.push(10, 'a');
    queue.push(20, 'b');

    expect(queue.size).toBe(3);
    expect(queue.peekTime()).toBe(10);
    expect(drain(queue)).toEqual([
      [10, 'a'],
      [20, 'b'],
      [30, 'c'],
    ]);
    expect(queue.size).toBe(0);
    expect(queue.pop()).toBeUndefined();
    expect(queue.peekTime()).toBeUndefined();
  });

  it('returns events at the same time in the order they were pushed', () => {
    const queue = createEventQueue<string>();
    for (const name of ['first', 'second', 'third', 'fourth', 'fifth']) queue.push(5, name);
    queue.push(1, 'earlier');

    expect(drain(queue).map(([, name]) => name)).toEqual([
      'earlier',
      'first',
      'second',
      'third',
      'fourth',
      'fifth',
    ]);
  });

  it('keeps insertion order for ties pushed between pops', () => {
    const queue = createEventQueue<string>();
    queue.push(5, 'a');
    queue.push(1, 'x');
    expect(queue.pop()).toEqual({ at: 1, event: 'x' });
    queue.push(5, 'b');
    queue.push(3, 'y');
    queue.push(5, 'c');

    expect(drain(queue)).toEqual([
      [3, 'y'],
      [5, 'a'],
      [5, 'b'],
      [5, 'c'],
    ]);
  });

  it('orders many random pushes and pops like a stable sort (seed 7)', () => {
    const random = createSeededRandom(7);
    const queue = createEventQueue<number>();
    const pending: { at: number; id: number }[] = [];
    const popped: number[] = [];
    const expected: number[] = [];
    for (let id = 0; id < 5000; id++) {
      const at = Math.floor(random() * 200); // coarse times: many ties
      queue.push(at, id);
      pending.push({ at, id });
      if (random() < 0.3) {
        pending.sort((a, b) => a.at - b.at || a.id - b.id);
        expected.push((pending.shift() as { id: number }).id);
        popped.push((queue.pop() as { event: number }).event);
      }
    }
    pending.sort((a, b) => a.at - b.at || a.id - b.id);
    expected.push(...pending.map((p) => p.id));
    popped.push(...drain(queue).map(([, id]) => id));

    expect(popped).toEqual(expected);
  });

  it('refuses a time that is not a number', () => {
    expect(() => createEventQueue<string>().push(Number.NaN, 'x')).toThrow(RangeError);
  });
});
