import { STANDARD_CAMPAIGN } from '../../../src/sim/campaign/campaign-config.js';
import { generateContacts, needsAgent } from '../../../src/sim/campaign/contacts.js';
import { contact } from './campaign-support.js';

describe('the contact list', () => {
  const config = { ...STANDARD_CAMPAIGN, contacts: 20_000 };

  it('draws outcomes in the mix and rings within their ranges', () => {
    const list = generateContacts(config);
    const share = (o: string) => list.filter((c) => c.outcome === o).length / list.length;
    expect(share('human')).toBeCloseTo(0.3, 1);
    expect(share('no-answer')).toBeCloseTo(0.5, 1);
    for (const c of list) {
      if (c.outcome === 'human' || c.outcome === 'machine') {
        expect(c.ringSeconds).toBeGreaterThanOrEqual(15);
        expect(c.ringSeconds).toBeLessThanOrEqual(25);
      }
      if (c.outcome === 'no-answer') expect(c.ringSeconds).toBe(25);
    }
  });

  it('is the same list for the same seed, and keeps who answers when AMD is turned on', () => {
    const plain = generateContacts(config);
    const withAmd = generateContacts({
      ...config,
      amd: { detectSeconds: 3, falsePositiveRate: 0.1 },
    });
    expect(generateContacts(config)).toEqual(plain);
    expect(withAmd.map((c) => [c.outcome, c.ringSeconds, c.talkSeconds])).toEqual(
      plain.map((c) => [c.outcome, c.ringSeconds, c.talkSeconds]),
    );
    const people = withAmd.filter((c) => c.outcome === 'human');
    const takenForMachines = people.filter((c) => c.amdSaysMachine).length / people.length;
    expect(takenForMachines).toBeCloseTo(0.1, 1);
  });

  it('says which dials will need an agent, with and without AMD', () => {
    expect(needsAgent(contact(0, 'machine', 20, 8), false)).toBe(true);
    expect(needsAgent(contact(0, 'machine', 20, 8), true)).toBe(false);
    expect(needsAgent(contact(0, 'human', 20, 90, true), true)).toBe(false);
    expect(needsAgent(contact(0, 'busy', 3), false)).toBe(false);
  });
});
