import {
  ABANDONED_MEMORY_MS,
  type AbandonedNumbers,
} from '../../src/outbound/abandoned-numbers.js';
import { T0 } from './campaign-fixtures.js';

const A = '+14155550101';
const B = '+442079460000';
const HOUR = 3_600_000;

/** What every AbandonedNumbers does. Call inside a describe; `open` gives an empty one per test. */
export function abandonedNumbersContract(open: () => Promise<AbandonedNumbers>): void {
  let register: AbandonedNumbers;

  beforeEach(async () => {
    register = await open();
  });

  it('a number recorded is known with its time; another number is not', async () => {
    await register.record(A, T0);

    expect(await register.lastAbandonedAt(A, T0 + HOUR)).toBe(T0);
    expect(await register.lastAbandonedAt(B, T0 + HOUR)).toBeUndefined();
  });

  it('remembers a number until 72 hours after its abandonment, not a millisecond more', async () => {
    await register.record(A, T0);

    expect(ABANDONED_MEMORY_MS).toBe(72 * HOUR);
    expect(await register.lastAbandonedAt(A, T0 + 72 * HOUR - 1)).toBe(T0);
    expect(await register.lastAbandonedAt(A, T0 + 72 * HOUR)).toBeUndefined();
  });

  it('a later abandonment moves the time on; an earlier one reported late does not move it back', async () => {
    await register.record(A, T0);
    await register.record(A, T0 + 10 * HOUR);
    await register.record(A, T0 + 5 * HOUR);

    expect(await register.lastAbandonedAt(A, T0 + 80 * HOUR)).toBe(T0 + 10 * HOUR);
  });

  it('recording a number forgets nothing about the others still remembered', async () => {
    await register.record(A, T0);
    await register.record(B, T0 + 71 * HOUR);

    expect(await register.lastAbandonedAt(A, T0 + 71 * HOUR)).toBe(T0);
    expect(await register.lastAbandonedAt(B, T0 + 71 * HOUR)).toBe(T0 + 71 * HOUR);
  });
}
