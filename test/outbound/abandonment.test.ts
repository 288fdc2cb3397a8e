import {
  abandonBudget,
  campaignAbandonment,
  ruleCounts,
  windowStart,
} from '../../src/outbound/abandonment.js';
import { NO_OUTCOMES } from '../../src/outbound/outcome-hours.js';

const HOUR = 3_600_000;

describe('a campaign’s abandonment, as the rules count it', () => {
  const predictive = { pacing: { mode: 'predictive' as const, abandonTarget: 0.02 } };
  const uk = (amdFalsePositiveRate?: number) => ({
    pacing: {
      mode: 'predictive' as const,
      abandonTarget: 0.02,
      abandonRule: 'uk' as const,
      ...(amdFalsePositiveRate === undefined ? {} : { amdFalsePositiveRate }),
    },
  });
  const window = (connected: number, abandoned: number, machine = 0) => ({
    connected,
    abandoned,
    machine,
  });

  it('over the window: abandoned over live answers (connected + abandoned); null before anyone answered in it', () => {
    expect(campaignAbandonment({}, window(0, 0), NO_OUTCOMES).abandonmentRate).toBeNull();
    expect(campaignAbandonment({}, window(0, 0), window(98, 2)).abandonmentRate).toBe(0.02);
  });

  it('the lifetime rate stands apart from the window’s', () => {
    const shown = campaignAbandonment({}, window(90, 10), window(99, 1));
    expect(shown.lifetimeAbandonmentRate).toBe(0.1);
    expect(shown.abandonmentRate).toBe(0.01);
    expect(campaignAbandonment({}, window(0, 0), window(1, 0)).lifetimeAbandonmentRate).toBeNull();
  });

  it('a progressive campaign has no budget to show; a predictive one, what is left of the window’s', () => {
    expect(campaignAbandonment({}, window(5000, 500), window(200, 1))).toEqual({
      mode: 'progressive',
      abandonRule: 'us',
      windowHours: 720,
      abandonmentRate: 1 / 201,
      windowLiveAnswers: 201,
      windowAbandoned: 1,
      windowEstimatedFalsePositives: 0,
      lifetimeAbandonmentRate: 500 / 5500,
      abandonTarget: 0.02,
      abandonCap: 0.03,
      abandonBudgetLeft: null,
    });
    // 2% of 201 less 1: 3.02; the cap would allow 3% of 201 less 1, less one more: 4.03. The
    // lifetime's abandons (far over the cap) are outside the window and spend nothing.
    expect(
      campaignAbandonment(predictive, window(5000, 500), window(200, 1)).abandonBudgetLeft,
    ).toBeCloseTo(3.02, 12);
    // At the target: spent, shown as 0, not below.
    expect(campaignAbandonment(predictive, window(0, 0), window(98, 2)).abandonBudgetLeft).toBe(0);
  });

  it('the UK rule counts 24 hours and adds the estimated AMD false positives to abandons and live answers', () => {
    // 10% of 50 machine verdicts: 5 people hung up on, added to 190 + 5 seen.
    const counted = campaignAbandonment(uk(0.1), window(0, 0), window(190, 5, 50));
    expect(counted).toMatchObject({
      abandonRule: 'uk',
      windowHours: 24,
      windowLiveAnswers: 200,
      windowAbandoned: 10,
      windowEstimatedFalsePositives: 5,
      abandonmentRate: 0.05,
      abandonBudgetLeft: 0, // 2% of 200 is 4, and 10 are spent
    });
    expect(ruleCounts(uk(0.1), window(190, 5, 50))).toEqual({
      connected: 190,
      abandoned: 10,
      estimatedFalsePositives: 5,
    });
  });

  it('the US rule counts what was seen: machine verdicts add nothing, whatever rate is set', () => {
    const us = {
      pacing: { mode: 'progressive' as const, abandonTarget: 0.02, amdFalsePositiveRate: 0.1 },
    };
    expect(ruleCounts(us, window(190, 5, 50))).toEqual({
      connected: 190,
      abandoned: 5,
      estimatedFalsePositives: 0,
    });
    // No rate stated (AMD off): the UK rule estimates none.
    expect(ruleCounts(uk(), window(190, 5, 50)).abandoned).toBe(5);
  });

  it('the window starts 30 days back under the US rule, 24 hours under the UK rule', () => {
    const now = Date.parse('2026-12-07T18:30:00Z');
    expect(windowStart({}, now)).toBe(now - 720 * HOUR);
    expect(windowStart(uk(0), now)).toBe(now - 24 * HOUR);
  });

  it('the budget function the simulator calls keeps its three numbers', () => {
    expect(abandonBudget(0.02, 1000, 5)).toBeCloseTo(15, 12);
    expect(abandonBudget(0.02, 100, 2)).toBeCloseTo(0, 12);
  });
});
