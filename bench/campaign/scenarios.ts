import { type CampaignConfig, STANDARD_CAMPAIGN } from '../../src/sim/campaign/campaign-config.js';

export interface CampaignScenario {
  readonly name: string;
  readonly config: CampaignConfig;
}

/** Enough contacts that no sane dialer runs out in the day: twice the dials the agents could use. */
function listFor(config: CampaignConfig): number {
  const agents = Math.max(...config.staffing.map((s) => s.agents));
  const perHuman = config.talk.mean + config.wrapUpSeconds;
  return Math.ceil(((agents * config.durationSeconds) / perHuman / config.mix.human) * 2);
}

function scenario(name: string, changes: Partial<CampaignConfig>): CampaignScenario {
  const config = { ...STANDARD_CAMPAIGN, ...changes };
  return { name, config: { ...config, contacts: listFor(config) } };
}

/**
 * Issue 18's scenarios: standard (50 agents, 30% people, 15–25 s to answer, talk lognormal mean
 * 180 s, 30 s wrap-up, 8 h, 10 CPS), a small team, a low answer rate, a shift change, AMD with
 * 10% false positives, and a 1-CPS account. `hours` shortens them all (for --quick).
 */
export function campaignScenarios(seed: number, hours: number): CampaignScenario[] {
  const durationSeconds = hours * 3600;
  const base = { seed, durationSeconds };
  return [
    scenario('standard', base),
    scenario('small-team', { ...base, staffing: [{ fromSeconds: 0, agents: 5 }] }),
    scenario('low-answer', {
      ...base,
      mix: { human: 0.1, machine: 0.1, busy: 0.1, noAnswer: 0.7 },
    }),
    scenario('shift-change', {
      ...base,
      staffing: [
        { fromSeconds: 0, agents: 50 },
        { fromSeconds: durationSeconds / 2, agents: 30 },
      ],
    }),
    scenario('amd', { ...base, amd: { detectSeconds: 3, falsePositiveRate: 0.1 } }),
    scenario('cps-1', { ...base, callsPerSecond: 1 }),
  ];
}
