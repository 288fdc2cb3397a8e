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
});
