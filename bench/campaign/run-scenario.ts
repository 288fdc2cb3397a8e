import { runCampaign } from '../../src/sim/campaign/campaign-run.js';
import type { CampaignResult } from '../../src/sim/campaign/campaign-meter.js';
import { generateContacts } from '../../src/sim/campaign/contacts.js';
import { ClairvoyantPacer } from '../../src/sim/campaign/pacers/clairvoyant-pacer.js';
import { createOriginalDesignPacer } from '../../src/sim/campaign/pacers/original-design-pacer.js';
import { createProgressivePacer } from '../../src/sim/campaign/pacers/progressive-pacer.js';
import { VicidialAdaptivePacer } from '../../src/sim/campaign/pacers/vicidial-adaptive-pacer.js';
import type { CampaignScenario } from './scenarios.js';

/** Every dialer's run of one scenario, on the same contacts, agents and seed. */
export interface ScenarioRuns {
  readonly scenario: CampaignScenario;
  /** Holdline's predictive pacer is not built yet: its place is taken by the progressive rule. */
  readonly holdlinePacer: string;
  readonly holdline: CampaignResult;
  readonly progressive: CampaignResult;
  readonly adaptive: CampaignResult;
  readonly original: CampaignResult;
  readonly clairvoyant: CampaignResult;
  readonly seconds: number;
}

export function runScenario(scenario: CampaignScenario): ScenarioRuns {
  const startedAt = performance.now();
  const { config } = scenario;
  const contacts = generateContacts(config);
  // As the dialer does: reps parked until a call dialed now has rung out, plus 2 s (and AMD's ear).
  const lookAheadSeconds = config.ringTimeoutSeconds + 2 + (config.amd?.detectSeconds ?? 0);
  const progressivePacer = createProgressivePacer(lookAheadSeconds * 1000);
  const progressive = runCampaign(config, contacts, progressivePacer);
  return {
    scenario,
    holdlinePacer: 'progressive',
    holdline: progressive,
    progressive,
    adaptive: runCampaign(config, contacts, new VicidialAdaptivePacer()),
    original: runCampaign(config, contacts, createOriginalDesignPacer()),
    clairvoyant: runCampaign(config, contacts, new ClairvoyantPacer(config, contacts)),
    seconds: (performance.now() - startedAt) / 1000,
  };
}
