import { campaignSettingsSchema } from '../../src/outbound/campaign-settings.js';

const REQUIRED = {
  targetQueue: 'sales',
  callerId: '+15005550006',
  message: 'This was Example Co.',
};
const FLOW = 'FW0123456789abcdef0123456789abcdef';

describe('campaign settings: dialVia', () => {
  const schema = campaignSettingsSchema(['sales']);
  const problems = (dialVia: unknown) => {
    const parsed = schema.safeParse({ ...REQUIRED, dialVia });
    return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
  };

  it('defaults to calls placed by holdline', () => {
    expect(schema.parse(REQUIRED).dialVia).toEqual({ kind: 'calls' });
  });

  it('takes a Studio Flow by its SID', () => {
    expect(
      schema.parse({ ...REQUIRED, dialVia: { kind: 'studio', flowSid: FLOW } }).dialVia,
    ).toEqual({ kind: 'studio', flowSid: FLOW });
  });

  it.each([
    ['a SID of another resource', 'FN0123456789abcdef0123456789abcdef'],
    ['a SID too short', 'FW0123456789abcdef0123456789abcde'],
    ['not hex', 'FW0123456789abcdef0123456789abcdeg'],
  ])('refuses %s', (_name, flowSid) => {
    expect(problems({ kind: 'studio', flowSid })).toEqual([
      'a Studio Flow SID: FW followed by 32 hex digits',
    ]);
  });

  it('refuses a studio without a flow, a flow on calls, and an unknown kind', () => {
    expect(problems({ kind: 'studio' })).not.toEqual([]);
    expect(problems({ kind: 'calls', flowSid: FLOW })).not.toEqual([]);
    expect(problems({ kind: 'sms' })).not.toEqual([]);
  });
});

describe('campaign settings: abandonedCooldownHours', () => {
  const schema = campaignSettingsSchema(['sales']);
  const parse = (abandonedCooldownHours: unknown) =>
    schema.safeParse({ ...REQUIRED, abandonedCooldownHours });

  it("defaults to Ofcom's 72 hours", () => {
    expect(schema.parse(REQUIRED).abandonedCooldownHours).toBe(72);
  });

  it('takes 0 (off, where a rep is guaranteed) up to 72', () => {
    expect(parse(0).data?.abandonedCooldownHours).toBe(0);
    expect(parse(24).data?.abandonedCooldownHours).toBe(24);
  });

  it('refuses more than the register remembers, less than 0, and fractions', () => {
    expect(parse(73).success).toBe(false);
    expect(parse(-1).success).toBe(false);
    expect(parse(1.5).success).toBe(false);
  });
});

describe('campaign settings: pacing', () => {
  const schema = campaignSettingsSchema(['sales']);
  const parse = (pacing: unknown) => schema.safeParse({ ...REQUIRED, pacing });

  it('defaults to progressive under the US rule, with a 2% target for when it is predictive', () => {
    expect(schema.parse(REQUIRED).pacing).toEqual({
      mode: 'progressive',
      abandonTarget: 0.02,
      abandonRule: 'us',
    });
    expect(parse({ mode: 'predictive' }).data?.pacing).toEqual({
      mode: 'predictive',
      abandonTarget: 0.02,
      abandonRule: 'us',
    });
  });

  it('takes the UK rule; with machine detection on it needs the AMD false-positive rate', () => {
    expect(parse({ mode: 'predictive', abandonRule: 'uk' }).data?.pacing).toEqual({
      mode: 'predictive',
      abandonTarget: 0.02,
      abandonRule: 'uk',
    });
    const withAmd = (pacing: unknown) =>
      schema.safeParse({ ...REQUIRED, machineDetection: true, pacing });
    expect(
      withAmd({ abandonRule: 'uk' }).error?.issues.map((i) => [i.path.join('.'), i.message]),
    ).toEqual([
      [
        'pacing.amdFalsePositiveRate',
        'required under the UK rule with machineDetection on: the share of machine verdicts that were people (0..1)',
      ],
    ]);
    expect(withAmd({ abandonRule: 'uk', amdFalsePositiveRate: 0.05 }).data?.pacing).toEqual({
      mode: 'progressive',
      abandonTarget: 0.02,
      abandonRule: 'uk',
      amdFalsePositiveRate: 0.05,
    });
    // The US rule counts no estimate: none is asked for.
    expect(withAmd({}).success).toBe(true);
  });

  it('refuses an unknown rule and a false-positive rate outside 0..1', () => {
    expect(parse({ abandonRule: 'eu' }).success).toBe(false);
    expect(parse({ abandonRule: 'uk', amdFalsePositiveRate: 1.01 }).success).toBe(false);
    expect(parse({ abandonRule: 'uk', amdFalsePositiveRate: -0.1 }).success).toBe(false);
    expect(parse({ abandonRule: 'uk', amdFalsePositiveRate: 1 }).success).toBe(true);
  });

  it('refuses a target over the 3% cap, below 0, and an unknown mode', () => {
    expect(parse({ mode: 'predictive', abandonTarget: 0.03 }).success).toBe(true);
    const over = parse({ mode: 'predictive', abandonTarget: 0.04 });
    expect(over.error?.issues.map((issue) => issue.message)).toEqual([
      'at most the legal cap, 0.03',
    ]);
    expect(parse({ mode: 'predictive', abandonTarget: -0.01 }).success).toBe(false);
    expect(parse({ mode: 'power' }).success).toBe(false);
  });
});
