import { mapWithConcurrency } from '../../src/lib/pool.js';

/** Work whose completion the test controls, to observe how many run at once. */
function controllableWork() {
  const pending = new Map<number, () => void>();
  let running = 0;
  let peak = 0;
  const work = (item: number) =>
    new Promise<number>((resolve, reject) => {
      running += 1;
      peak = Math.max(peak, running);
      pending.set(item, () => {
        running -= 1;
        if (item < 0) reject(new Error(`item ${item} failed`));
        else resolve(item * 10);
      });
    });
  const finish = async (item: number) => {
    await new Promise((r) => setImmediate(r));
    pending.get(item)?.();
    pending.delete(item);
  };
  return { work, finish, peak: () => peak, started: () => [...pending.keys()] };
}

describe('mapWithConcurrency', () => {
  it('never has more than the limit in flight, and starts the next item as soon as one settles', async () => {
    const c = controllableWork();
    const done = mapWithConcurrency([1, 2, 3, 4, 5], 2, c.work);
    await new Promise((r) => setImmediate(r));
    expect(c.started()).toEqual([1, 2]);

    await c.finish(2); // one slot frees: item 3 starts without waiting for item 1
    await new Promise((r) => setImmediate(r));
    expect(c.started()).toEqual([1, 3]);

    for (const item of [1, 3, 4, 5]) await c.finish(item);
    await expect(done).resolves.toEqual([1, 2, 3, 4, 5].map((n) => ({ ok: true, value: n * 10 })));
    expect(c.peak()).toBe(2);
  });

  it('keeps going past a failed item and reports each outcome in order', async () => {
    const results = await mapWithConcurrency([1, -2, 3], 3, (n) =>
      n < 0 ? Promise.reject(new Error('no')) : Promise.resolve(n),
    );
    expect(results[0]).toEqual({ ok: true, value: 1 });
    expect(results[1]).toMatchObject({ ok: false });
    expect(results[2]).toEqual({ ok: true, value: 3 });
  });

  it('starts nothing new once the signal aborts, and says why for the rest', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const results = await mapWithConcurrency(
      [1, 2, 3, 4],
      1,
      (n) => {
        seen.push(n);
        if (n === 2) controller.abort(new Error('deadline'));
        return Promise.resolve(n);
      },
      controller.signal,
    );
    expect(seen).toEqual([1, 2]);
    expect(results.slice(2)).toEqual([
      { ok: false, error: new Error('deadline') },
      { ok: false, error: new Error('deadline') },
    ]);
  });

  it('returns at once for no items', async () => {
    await expect(mapWithConcurrency([], 5, () => Promise.resolve(1))).resolves.toEqual([]);
  });
});
