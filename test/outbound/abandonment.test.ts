import { campaignAbandonment } from '../../src/outbound/abandonment.js';

describe('a campaign’s abandonment, as the rules count it', () => {
  const predictive = { pacing: { mode: 'predictive' as const, abandonTarget: 0.02 } };

  it('abandoned over live answers (connected + abandoned); null before anyone answered', () => {
    expect(campaignAbandonment({}, { connected: 0, abandoned: 0 }).abandonmentRate).toBeNull();
    expect(campaignAbandonment({}, { connected: 98, abandoned: 2 }).abandonmentRate).toBe(0.02);
  });

  it('a progressive campaign has no budget to show; a predictive one, what is left of it', () => {
    expect(campaignAbandonment({}, { connected: 200, abandoned: 1 })).toEqual({
      mode: 'progressive',
      abandonmentRate: 1 / 201,
      abandonTarget: 0.02,
      abandonCap: 0.03,
      abandonBudgetLeft: null,
    });
    // 2% of 201 less 1: 3.02; the cap would allow 3% of 201 less 1, less one more: 4.03.
    expect(
      campaignAbandonment(predictive, { connected: 200, abandoned: 1 }).abandonBudgetLeft,
    ).toBeCloseTo(3.02, 12);
    // At the target: spent, shown as 0, not below.
    expect(campaignAbandonment(predictive, { connected: 98, abandoned: 2 }).abandonBudgetLeft).toBe(
      0,
    );
  });
});
