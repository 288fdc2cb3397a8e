import { STANDARD_CAMPAIGN } from '../../../src/sim/campaign/campaign-config.js';
import { runCampaign } from '../../../src/sim/campaign/campaign-run.js';
import { generateContacts } from '../../../src/sim/campaign/contacts.js';
import { ClairvoyantPacer } from '../../../src/sim/campaign/pacers/clairvoyant-pacer.js';
import { contact, handConfig, view } from './campaign-support.js';

describe('the clairvoyant pacer', () => {
  const config = handConfig();
  const contacts = [
    contact(0, 'busy', 4),
    contact(1, 'human', 20, 100),
    contact(2, 'human', 20, 50),
  ];

  it('dials what needs no agent at once, and a person for the free agent', () => {
    const pacer = new ClairvoyantPacer(config, contacts);
    // The busy number, then the first person (answers at 20 s, agent free until 150 s), then
    // the second person would answer at 20 s with the agent busy: held back.
    expect(pacer.decide(view({ now: 0 }))).toBe(2);
  });

  it('dials the next person so they answer just under 2 s before the agent frees', () => {
    const pacer = new ClairvoyantPacer(config, contacts);
    pacer.decide(view({ now: 0 }));
    pacer.observe({ kind: 'connected', at: 20_000, contact: 1, machine: false });
    const busy = [{ phase: 'talk' as const, connectedAt: 20_000, phaseSince: 20_000 }];
    const at = (now: number) =>
      pacer.decide(view({ now, nextContact: 2, agents: { idle: 0, busy } }));
    // The agent frees at 150 s; the person rings 20 s: dial once the answer would come ≥ 148.5 s.
    expect(at(128_000)).toBe(0);
    expect(at(128_500)).toBe(1);
  });

  it('abandons nobody with one agent for an hour', () => {
    const oneAgent = { ...STANDARD_CAMPAIGN, durationSeconds: 3600, contacts: 2000 };
    const list = generateContacts({ ...oneAgent, staffing: [{ fromSeconds: 0, agents: 1 }] });
    const result = runCampaign(
      { ...oneAgent, staffing: [{ fromSeconds: 0, agents: 1 }] },
      list,
      new ClairvoyantPacer(oneAgent, list),
    );
    expect(result.connectedHumans).toBeGreaterThan(10);
    expect(result.abandoned).toBe(0);
  });

  it('abandons nobody in a standard campaign, and keeps agents near fully busy', () => {
    const standard = { ...STANDARD_CAMPAIGN, durationSeconds: 3600, contacts: 20_000 };
    const list = generateContacts(standard);
    const result = runCampaign(standard, list, new ClairvoyantPacer(standard, list));
    expect(result.connectedHumans).toBeGreaterThan(500);
    expect(result.abandoned).toBe(0);
    expect(result.occupancy).toBeGreaterThan(0.9);
  });

  it('with AMD, abandons nobody but the people AMD hangs up on', () => {
    const amd = {
      ...STANDARD_CAMPAIGN,
      durationSeconds: 3600,
      contacts: 20_000,
      amd: { detectSeconds: 3, falsePositiveRate: 0.1 },
    };
    const list = generateContacts(amd);
    const result = runCampaign(amd, list, new ClairvoyantPacer(amd, list));
    expect(result.abandoned).toBe(0);
    expect(result.amdFalsePositives).toBeGreaterThan(0);
  });

  it('abandons nobody across a shift change it knows is coming', () => {
    const shift = {
      ...STANDARD_CAMPAIGN,
      durationSeconds: 3600,
      contacts: 8000,
      // Without the plan, this seed aims a person or two at agents who leave at the change.
      staffing: [
        { fromSeconds: 0, agents: 20 },
        { fromSeconds: 1800, agents: 10 },
      ],
    };
    const list = generateContacts(shift);
    const result = runCampaign(shift, list, new ClairvoyantPacer(shift, list));
    expect(result.connectedHumans).toBeGreaterThan(100);
    expect(result.abandoned).toBe(0);
  });
});
