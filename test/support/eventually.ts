import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Retries an assertion until it passes or `withinMs` runs out (then throws its last failure).
 * For things that happen in the background (a notice, a reconnection, a hand-over): no fixed
 * sleep, and the bound is generous because it only matters when the test is failing.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  { withinMs = 5000, everyMs = 10 }: { withinMs?: number; everyMs?: number } = {},
): Promise<T> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (performance.now() >= deadline) throw error;
    }
    await sleep(everyMs);
  }
}
