import { DEFAULT_ABANDON_TARGET } from '../../src/outbound/abandonment.js';
import type { CampaignConfig } from '../../src/sim/campaign/campaign-config.js';
import type { CampaignResult } from '../../src/sim/campaign/campaign-meter.js';
import { runCampaign } from '../../src/sim/campaign/campaign-run.js';
import { type Contact, generateContacts } from '../../src/sim/campaign/contacts.js';
import type { Pacer } from '../../src/sim/campaign/pacer.js';
import { ClairvoyantPacer } from '../../src/sim/campaign/pacers/clairvoyant-pacer.js';
import { createOriginalDesignPacer } from '../../src/sim/campaign/pacers/original-design-pacer.js';
import { createProgressivePacer } from '../../src/sim/campaign/pacers/progressive-pacer.js';
import { PredictivePacer } from '../../src/sim/campaign/pacers/predictive-pacer.js';
import { VicidialAdaptivePacer } from '../../src/sim/campaign/pacers/vicidial-adaptive-pacer.js';
import type { CampaignScenario } from './scenarios.js';

/** Every dialer's run of one scenario, on the same contacts, agents and seed. */
export interface ScenarioRuns {
  readonly scenario: CampaignScenario;
  /** The name of the pacer run as holdline's (`predictive`, unless a test gave another). */
  readonly holdlinePacer: string;
  readonly holdline: CampaignResult;
  readonly progressive: CampaignResult;
  readonly adaptive: CampaignResult;
  readonly original: CampaignResult;
  readonly clairvoyant: CampaignResult;
  readonly seconds: number;
}

/**
 * Makes holdline's pacer for a scenario's run: its predictive pacer unless a test gives another
 * (`lookAheadMs`: how long a free agent must stay on shift to count, as the dialer counts reps).
 */
export type HoldlinePacerFactory = (
  config: CampaignConfig,
  contacts: readonly Contact[],
  lookAheadMs: number,
) => Pacer;

/** Holdline's predictive pacer aiming at `abandonTarget` (the default campaign's 2%). */
export function predictivePacerAt(abandonTarget = DEFAULT_ABANDON_TARGET): HoldlinePacerFactory {
  return (config, _contacts, lookAheadMs) =>
    new PredictivePacer({
      abandonTarget,
      lookAheadMs,
      detectMs: (config.amd?.detectSeconds ?? 0) * 1000,
    });
}

export function runScenario(
  scenario: CampaignScenario,
  holdlinePacer: HoldlinePacerFactory = predictivePacerAt(),
): ScenarioRuns {
  const startedAt = performance.now();
  const { config } = scenario;
  const contacts = generateContacts(config);
  // As the dialer does: reps parked until a call dialed now has rung out, plus 2 s (and AMD's ear).
  const lookAheadSeconds = config.ringTimeoutSeconds + 2 + (config.amd?.detectSeconds ?? 0);
  const progressive = runCampaign(
    config,
    contacts,
    createProgressivePacer(lookAheadSeconds * 1000),
  );
  const holdline = runCampaign(
    config,
    contacts,
    holdlinePacer(config, contacts, lookAheadSeconds * 1000),
  );
  return {
    scenario,
    holdlinePacer: holdline.pacer,
    holdline,
    progressive,
    adaptive: runCampaign(config, contacts, new VicidialAdaptivePacer()),
    original: runCampaign(config, contacts, createOriginalDesignPacer()),
    clairvoyant: runCampaign(config, contacts, new ClairvoyantPacer(config, contacts)),
    seconds: (performance.now() - startedAt) / 1000,
  };
}
