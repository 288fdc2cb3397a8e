import {
  VICIDIAL_DEFAULTS,
  callsToPlace,
  nextDialLevel,
} from '../../../src/sim/campaign/pacers/vicidial-dial-level.js';
import { VicidialAdaptivePacer } from '../../../src/sim/campaign/pacers/vicidial-adaptive-pacer.js';
import { view } from './campaign-support.js';

const quiet = {
  callsOneMinute: 0,
  dropsOneMinute: 0,
  callsToday: 0,
  dropsToday: 0,
  answersToday: 0,
};

describe("VICIdial's dial-level step (AST_VDadapt.pl, ADAPT_HARD_LIMIT)", () => {
  it('raises the level by the differential over the agents: 5 ready of 50 → ×1.1', () => {
    const inputs = { ...quiet, level: 1, differential: 5, agentsAverage: 50 };
    expect(nextDialLevel(inputs, VICIDIAL_DEFAULTS)).toBe(1.1);
  });

  it('an intensity of 20 pushes a rise 20% further: +10% → +12%', () => {
    const inputs = { ...quiet, level: 1, differential: 5, agentsAverage: 50 };
    expect(nextDialLevel(inputs, { ...VICIDIAL_DEFAULTS, intensity: 20 })).toBe(1.12);
  });

  it('and damps a fall by as much: −20% → −16% (2 → 1.68)', () => {
    const inputs = { ...quiet, level: 2, differential: -10, agentsAverage: 50 };
    expect(nextDialLevel(inputs, { ...VICIDIAL_DEFAULTS, intensity: 20 })).toBe(1.68);
  });

  it('keeps the level between 1 and the maximum level', () => {
    const up = { ...quiet, level: 2.9, differential: 10, agentsAverage: 50 };
    const down = { ...quiet, level: 1.1, differential: -40, agentsAverage: 50 };
    expect(nextDialLevel(up, VICIDIAL_DEFAULTS)).toBe(3);
    expect(nextDialLevel(down, VICIDIAL_DEFAULTS)).toBe(1);
  });

  it('drops to 1.0 once drops pass the limit of the day (4 of 100 answers > 3%)', () => {
    const inputs = {
      ...quiet,
      level: 2,
      differential: 0,
      agentsAverage: 50,
      callsToday: 300,
      dropsToday: 4,
      answersToday: 100,
    };
    expect(nextDialLevel(inputs, VICIDIAL_DEFAULTS)).toBe(1);
  });

  it('does not apply the limit before 50 calls today', () => {
    const inputs = {
      ...quiet,
      level: 2,
      differential: 0,
      agentsAverage: 50,
      callsToday: 40,
      dropsToday: 10,
      answersToday: 20,
    };
    expect(nextDialLevel(inputs, VICIDIAL_DEFAULTS)).toBe(2);
  });

  it('halves the level when over half of the last minute’s 20+ calls dropped', () => {
    const inputs = {
      ...quiet,
      level: 3,
      differential: 0,
      agentsAverage: 50,
      callsOneMinute: 30,
      dropsOneMinute: 16,
    };
    expect(nextDialLevel(inputs, VICIDIAL_DEFAULTS)).toBe(1.5);
  });

  it('places round(level × active agents) minus the calls under way', () => {
    expect(callsToPlace(1.5, 10, 12)).toBe(3);
    expect(callsToPlace(1, 10, 12)).toBe(0);
    expect(callsToPlace(1.26, 10, 0)).toBe(13);
  });
});

describe('the VICIdial-style adaptive pacer', () => {
  it('dials 1:1 every 2.5 s until its first recompute, then by the level the samples call for', () => {
    const pacer = new VicidialAdaptivePacer();
    const ready = (now: number) =>
      pacer.decide(view({ now, agents: { scheduled: 10, onShift: 10, idle: 10 } }));
    // Ten agents, all ready, sampled every second for 15 s: the differential is 10 of 10.
    const placed = Array.from({ length: 15 }, (_, s) => ready(s * 1000));
    // Auto-dial passes at 0, 3, 6, 9 and 12 s (ticks are whole seconds), 10 calls each at level 1.
    expect(placed).toEqual([10, 0, 0, 10, 0, 0, 10, 0, 0, 10, 0, 0, 10, 0, 0]);
    expect(pacer.level).toBe(1);
    expect(ready(15_000)).toBe(20);
    expect(pacer.level).toBe(2); // 1 × (1 + 10/10)
  });

  it('counts agents wrapping up as paused: neither ready nor dialed for', () => {
    const pacer = new VicidialAdaptivePacer();
    const busy = [
      { phase: 'talk' as const, connectedAt: 0, phaseSince: 0 },
      { phase: 'wrap-up' as const, connectedAt: 0, phaseSince: 0 },
    ];
    // 2 ready + 1 talking = 3 active at level 1; under way: the 1 talking + 1 ringing.
    const state = view({
      agents: { scheduled: 4, onShift: 4, idle: 2, busy },
      ringing: [{ startedAt: 0 }],
    });
    expect(pacer.decide(state)).toBe(1);
  });
});
