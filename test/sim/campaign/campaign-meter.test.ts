import { CampaignMeter } from '../../../src/sim/campaign/campaign-meter.js';

const fields = {
  pacer: 'p',
  contactsDialed: 0,
  started: 0,
  maxStartsPerSecond: 0,
  callsPerSecond: 1,
  endedAt: 3000,
};

describe('the campaign meter', () => {
  it('splits agent time across the timeline’s buckets', () => {
    const meter = new CampaignMeter(1000);
    meter.hold(0, 1500, 1, 2); // 1 of 2 busy for 1.5 s
    meter.hold(1500, 3000, 2, 2); // both busy for 1.5 s

    const result = meter.result(fields);
    expect(result.occupancy).toBeCloseTo(4.5 / 6, 10);
    expect(result.timeline.map((b) => b.occupancy)).toEqual([0.5, 0.75, 1]);
  });

  it('counts abandonment over live answers, the UK figure with AMD’s false positives', () => {
    const meter = new CampaignMeter(1000);
    for (let i = 0; i < 7; i++) meter.connected(100, 0);
    meter.abandon(200);
    meter.falsePositive(1200);
    meter.falsePositive(1300);

    const result = meter.result(fields);
    expect(result.abandonRate).toBe(1 / 8);
    expect(result.abandonRateUk).toBe(3 / 10);
    expect(result.liveAnswers).toBe(10);
    expect(result.timeline[1]).toMatchObject({ liveAnswers: 2, abandoned: 0, abandonedUk: 2 });
  });
});
