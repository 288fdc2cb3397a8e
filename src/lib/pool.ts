export type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Runs `work` over `items` with at most `limit` in flight: `limit` workers each take the next
 * item when their last one settles, so a slow item holds one slot, not a whole batch (a
 * "batch of N, wait for all, next batch" throttle idles while its slowest item runs). One
 * item's failure is its own: the others go on. Once `signal` aborts, no new item starts.
 */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
  signal?: AbortSignal,
): Promise<Settled<R>[]> {
  const results: Settled<R>[] = new Array<Settled<R>>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next;
      next += 1;
      if (signal?.aborted === true) {
        results[index] = { ok: false, error: signal.reason };
        continue;
      }
      try {
        results[index] = { ok: true, value: await work(items[index] as T) };
      } catch (error) {
        results[index] = { ok: false, error };
      }
    }
  };
  const workers = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
