import { type Waiter, createWaitingLine } from '../../src/sim/waiting-line.js';

interface Caller extends Waiter {
  readonly name: string;
}
const caller = (name: string, arrivalAt: number): Caller => ({ name, arrivalAt, status: 'done' });

describe('a waiting line', () => {
  it('serves first come first served and counts only real callers', () => {
    const line = createWaitingLine<Caller>();
    const [a, b, c] = [caller('a', 0), caller('b', 10), caller('c', 20)];
    line.join(a);
    line.join(b);
    line.join(c);
    line.abandon(a);

    expect(line.waiting).toBe(2);
    expect(line.oldestArrival()).toBe(10);
    expect(line.totalAge(30)).toBe(20 + 10);
    const ghosts: string[] = [];
    expect(line.takeNext((g) => ghosts.push(g.name))?.name).toBe('b');
    expect(ghosts).toEqual(['a']);
    expect(a.status).toBe('done');
    expect(line.waiting).toBe(1);
  });

  it('gives a waiting caller its position among real callers, and none to a ghost', () => {
    const line = createWaitingLine<Caller>();
    const [a, b, c] = [caller('a', 0), caller('b', 10), caller('c', 20)];
    line.join(a);
    line.join(b);
    line.join(c);
    line.abandon(b);

    expect(line.positionOf(a)).toBe(1);
    expect(line.positionOf(c)).toBe(2);
    expect(line.positionOf(b)).toBeUndefined();
  });

  it('drops only the ghosts at the head that entered before a time', () => {
    const line = createWaitingLine<Caller>();
    const [a, b, c, d] = [caller('a', 0), caller('b', 10), caller('c', 20), caller('d', 30)];
    [a, b, c, d].forEach((x) => line.join(x));
    line.abandon(a);
    line.abandon(b);
    line.abandon(d);
    const ghosts: string[] = [];

    line.dropGhostsBefore(10, (g) => ghosts.push(g.name));
    expect(ghosts).toEqual(['a']);
    line.dropGhostsBefore(100, (g) => ghosts.push(g.name));
    expect(ghosts).toEqual(['a', 'b']); // c waits: d, behind it, stays
    expect(line.takeNext((g) => ghosts.push(g.name))?.name).toBe('c');
    expect(ghosts).toEqual(['a', 'b']);
  });

  it('clears ghosts even when no real caller is left behind them', () => {
    const line = createWaitingLine<Caller>();
    const [a, b] = [caller('a', 0), caller('b', 5)];
    line.join(a);
    line.join(b);
    line.abandon(b);
    line.abandon(a);
    const ghosts: string[] = [];

    expect(line.takeNext((g) => ghosts.push(g.name))).toBeUndefined();
    expect(ghosts).toEqual(['a', 'b']);
    expect(line.waiting).toBe(0);
    expect(line.oldestArrival()).toBeUndefined();
    expect(line.totalAge(100)).toBe(0);
  });

  it('keeps its order and counts through many joins and leaves', () => {
    const line = createWaitingLine<Caller>();
    const taken: number[] = [];
    let expectedGhosts = 0;
    let ghosts = 0;
    for (let i = 0; i < 10_000; i++) {
      const c = caller(String(i), i);
      line.join(c);
      if (i % 3 === 0) {
        line.abandon(c);
        expectedGhosts++;
      }
      if (i % 2 === 1) {
        const next = line.takeNext(() => ghosts++);
        if (next !== undefined) taken.push(next.arrivalAt);
      }
    }
    for (let next = line.takeNext(() => ghosts++); next; next = line.takeNext(() => ghosts++)) {
      taken.push(next.arrivalAt);
    }

    const real = Array.from({ length: 10_000 }, (_, i) => i).filter((i) => i % 3 !== 0);
    expect(taken).toEqual(real);
    expect(ghosts).toBe(expectedGhosts);
  });

  it('refuses to turn a caller who is not waiting into a ghost', () => {
    const line = createWaitingLine<Caller>();
    const a = caller('a', 0);
    line.join(a);
    line.takeNext(() => undefined);
    expect(() => line.abandon(a)).toThrow('only a waiting caller can abandon');
  });
});
