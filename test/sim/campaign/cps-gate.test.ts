import { CpsGate } from '../../../src/sim/campaign/cps-gate.js';

describe('the CPS gate', () => {
  it('starts at most the limit in any second and queues the rest in order', () => {
    const gate = new CpsGate<string>(2);
    for (const name of ['a', 'b', 'c', 'd', 'e']) gate.enqueue(name);

    expect(gate.startDue(0)).toEqual(['a', 'b']);
    expect(gate.nextStartAt(0)).toBe(1000);
    expect(gate.startDue(999)).toEqual([]);
    expect(gate.startDue(1000)).toEqual(['c', 'd']);
    expect(gate.queued).toBe(1);
    expect(gate.availableAt(1500)).toBe(0); // one is still queued
    expect(gate.startDue(2000)).toEqual(['e']);
    expect(gate.maxStartsPerSecond).toBe(2);
  });

  it('says how many could start now from the starts of the last second', () => {
    const gate = new CpsGate<number>(3);
    gate.enqueue(1);
    gate.startDue(0);
    gate.enqueue(2);
    gate.startDue(400);

    expect(gate.availableAt(500)).toBe(1);
    expect(gate.availableAt(1000)).toBe(2); // the start at 0 has left the window
    expect(gate.availableAt(1400)).toBe(3);
  });

  it('counts a start exactly one second after another in a new second, whatever the float rounding', () => {
    // (t + 1000) − 1000 < t for this t: measured as "1 s before" the gate's own sum, it would
    // see two starts in one second where the gate allowed one.
    const t = 530.8911804103756;
    expect(t + 1000 - 1000).toBeLessThan(t);
    const gate = new CpsGate<number>(1);
    gate.enqueue(1);
    gate.enqueue(2);
    gate.startDue(t);
    expect(gate.availableAt(gate.nextStartAt(t))).toBe(0); // the second one is still queued
    expect(gate.startDue(gate.nextStartAt(t))).toEqual([2]);
    expect(gate.maxStartsPerSecond).toBe(1);
  });
});
