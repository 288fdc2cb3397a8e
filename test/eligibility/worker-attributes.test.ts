import {
  MAX_ATTRIBUTES_BYTES,
  planEligibilityWrite,
} from '../../src/eligibility/worker-attributes.js';

const sid = (n: number) => `WQ${n.toString(16).padStart(32, '0')}`;
const KEY = 'eligible_queues';

describe("writing a worker's eligible queues into its attributes", () => {
  it('adds the key, keeping every other attribute as it was', () => {
    const current = JSON.stringify({ skills: ['billing'], contact_uri: 'client:anna', level: 3 });
    const plan = planEligibilityWrite({ current, key: KEY, eligible: [sid(2), sid(1)] });
    expect(plan.kind).toBe('write');
    expect(JSON.parse(plan.kind === 'write' ? plan.attributes : '')).toEqual({
      skills: ['billing'],
      contact_uri: 'client:anna',
      level: 3,
      [KEY]: [sid(1), sid(2)],
    });
  });

  it('writes nothing when the key already holds the same queues (our own write coming back)', () => {
    const current = JSON.stringify({ skills: [], [KEY]: [sid(1), sid(2)] });
    expect(planEligibilityWrite({ current, key: KEY, eligible: [sid(2), sid(1), sid(2)] })).toEqual(
      { kind: 'unchanged' },
    );
  });

  it('replaces a list that changed, and empties it when no queue is eligible', () => {
    const current = JSON.stringify({ [KEY]: [sid(1)] });
    const plan = planEligibilityWrite({ current, key: KEY, eligible: [] });
    expect(plan).toEqual({ kind: 'write', attributes: JSON.stringify({ [KEY]: [] }) });
  });

  it('treats absent attributes as an empty object', () => {
    expect(planEligibilityWrite({ current: null, key: KEY, eligible: [sid(1)] })).toEqual({
      kind: 'write',
      attributes: JSON.stringify({ [KEY]: [sid(1)] }),
    });
  });

  it('skips, with why, attributes it cannot safely rewrite', () => {
    expect(planEligibilityWrite({ current: '{"skills": [', key: KEY, eligible: [] })).toEqual({
      kind: 'skip',
      reason: 'attributes are not JSON',
    });
    expect(planEligibilityWrite({ current: '["a"]', key: KEY, eligible: [] })).toEqual({
      kind: 'skip',
      reason: 'attributes are not a JSON object',
    });
  });

  it('fits 56 queue SIDs in about half the 4 KB; skips, with why, a list that would pass 4 KB', () => {
    const many = Array.from({ length: 56 }, (_, n) => sid(n));
    const fits = planEligibilityWrite({ current: '{}', key: KEY, eligible: many });
    expect(fits.kind === 'write' && Buffer.byteLength(fits.attributes)).toBeLessThan(
      MAX_ATTRIBUTES_BYTES * 0.55,
    );
    const crowded = JSON.stringify({ notes: 'x'.repeat(2500) });
    expect(planEligibilityWrite({ current: crowded, key: KEY, eligible: many })).toEqual({
      kind: 'skip',
      reason: expect.stringMatching(
        /^56 eligible queues would make the attributes 4\d{3} bytes, over TaskRouter's 4096$/,
      ) as string,
    });
  });
});
