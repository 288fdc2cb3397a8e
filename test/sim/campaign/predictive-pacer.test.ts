import { STANDARD_CAMPAIGN } from '../../../src/sim/campaign/campaign-config.js';
import { runCampaign } from '../../../src/sim/campaign/campaign-run.js';
import { generateContacts } from '../../../src/sim/campaign/contacts.js';
import { PredictivePacer } from '../../../src/sim/campaign/pacers/predictive-pacer.js';
import { view } from './campaign-support.js';

const settings = { abandonTarget: 0.02, lookAheadMs: 27_000, detectMs: 0 };

describe('holdline’s predictive pacer on the simulator', () => {
  it('before any evidence, with nothing abandoned yet: one call per free agent, as progressive', () => {
    const pacer = new PredictivePacer(settings);
    // No live answers yet: one more abandon would break the cap, so the budget is spent.
    expect(pacer.decide(view({ agents: { idle: 3 } }))).toBe(3);
    expect(pacer.decide(view({ agents: { idle: 3 }, ringing: [{ startedAt: -5_000 }] }))).toBe(2);
  });

  it('with budget to spend, dials past the free agents for the calls that will go unanswered', () => {
    const pacer = new PredictivePacer(settings);
    // A campaign so far: 100 people reached (none abandoned), 3 in 10 dials answered at 20 s.
    for (let i = 0; i < 300; i += 1) {
      pacer.observe({ kind: 'started', at: 0, contact: i });
      if (i % 10 < 3) {
        pacer.observe({ kind: 'answered', at: 20_000, contact: i });
        pacer.observe({ kind: 'connected', at: 20_000, contact: i, machine: false });
      } else pacer.observe({ kind: 'no-answer', at: 25_000, contact: i });
    }
    const tally = {
      started: 300,
      connectedHumans: 100,
      connectedMachines: 0,
      dropped: 0,
      amdMachines: 0,
      busy: 0,
      noAnswer: 200,
    };
    expect(pacer.decide(view({ agents: { idle: 3 }, tally }))).toBeGreaterThan(3);
  });

  it('stays under the 3% cap over an hour of the standard campaign, and under its 2% target', () => {
    const standard = { ...STANDARD_CAMPAIGN, durationSeconds: 3600, contacts: 20_000 };
    const list = generateContacts(standard);
    const result = runCampaign(standard, list, new PredictivePacer(settings));
    expect(result.connectedHumans).toBeGreaterThan(300);
    expect(result.abandoned / (result.connectedHumans + result.abandoned)).toBeLessThan(0.02);
  });
});
