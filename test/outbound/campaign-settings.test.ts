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
