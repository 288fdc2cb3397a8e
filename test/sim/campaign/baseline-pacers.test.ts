import { createOriginalDesignPacer } from '../../../src/sim/campaign/pacers/original-design-pacer.js';
import { createProgressivePacer } from '../../../src/sim/campaign/pacers/progressive-pacer.js';
import { ringingSince, view, waitingSince } from './campaign-support.js';

describe('the progressive pacer', () => {
  const pacer = createProgressivePacer();

  it('dials for the free agents not already covered by calls outstanding', () => {
    // 5 free agents; 1 queued + 2 ringing + 1 heard by AMD + 0 waiting = 4 outstanding.
    const state = view({
      agents: { idle: 5 },
      queuedDials: 1,
      ringing: ringingSince(2),
      detecting: 1,
    });
    expect(pacer.decide(state)).toBe(1);
  });

  it('counts answered callees waiting for an agent as outstanding', () => {
    expect(pacer.decide(view({ agents: { idle: 3 }, waiting: waitingSince(1) }))).toBe(2);
  });

  it('dials nothing when calls outstanding outnumber the free agents', () => {
    expect(pacer.decide(view({ agents: { idle: 2 }, ringing: ringingSince(3) }))).toBe(0);
  });

  it('dials only for free agents the shift plan keeps until the call could ring out', () => {
    const lookingAhead = createProgressivePacer(27_000);
    const busy = [{ phase: 'talk' as const, connectedAt: 0, phaseSince: 0 }];
    // 10 on shift, 1 busy, 9 free; at 100 s the plan goes down to 5: only 4 free agents stay.
    const agents = {
      scheduled: 10,
      onShift: 10,
      idle: 9,
      busy,
      scheduledAt: (at: number) => (at < 100_000 ? 10 : 5),
    };
    expect(lookingAhead.decide(view({ now: 72_000, agents }))).toBe(9);
    expect(lookingAhead.decide(view({ now: 73_000, agents }))).toBe(4);
  });
});

describe("the original design's pacer", () => {
  const pacer = createOriginalDesignPacer();

  it('dials one call per free agent each second, whatever is already ringing', () => {
    expect(pacer.decide(view({ agents: { idle: 4 }, ringing: ringingSince(30) }))).toBe(4);
  });

  it('only on its once-a-second poll, not on call events', () => {
    expect(pacer.decide(view({ trigger: 'event', agents: { idle: 4 } }))).toBe(0);
  });
});
