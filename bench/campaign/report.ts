import type { CampaignResult } from '../../src/sim/campaign/campaign-meter.js';
import { percentile } from '../lib/load.js';
import { formatTable } from '../lib/report.js';
import type { ScenarioRuns } from './run-scenario.js';

const fixed = (value: number, digits: number) =>
  Number.isFinite(value) ? value.toFixed(digits) : 'n/a';

/** The issue's line, its fields in its order, then what the issue did not ask for. */
export function campaignLine(runs: ScenarioRuns): string {
  const { holdline, adaptive, progressive, clairvoyant, original } = runs;
  const fields: [string, string][] = [
    ['scenario', runs.scenario.name],
    ['holdline_occupancy', fixed(holdline.occupancy, 3)],
    ['adaptive_occupancy', fixed(adaptive.occupancy, 3)],
    ['progressive_occupancy', fixed(progressive.occupancy, 3)],
    ['clairvoyant_occupancy', fixed(clairvoyant.occupancy, 3)],
    ['holdline_abandon', fixed(holdline.abandonRate, 4)],
    ['adaptive_abandon', fixed(adaptive.abandonRate, 4)],
    ['cps_max_vs_limit', fixed(holdline.maxStartsPerSecond / holdline.callsPerSecond, 2)],
    ['answer_to_rep_p95_s', fixed(percentile(holdline.answerToRepSeconds, 95), 2)],
    ['holdline_pacer', runs.holdlinePacer],
    ['original_occupancy', fixed(original.occupancy, 3)],
    ['original_abandon', fixed(original.abandonRate, 4)],
    ['holdline_abandon_uk', fixed(holdline.abandonRateUk, 4)],
    ['seed', String(runs.scenario.config.seed)],
  ];
  return `campaign ${fields.map(([k, v]) => `${k}=${v}`).join(' ')}`;
}

function row(scenario: string, seed: number, r: CampaignResult): string[] {
  return [
    scenario,
    String(seed),
    r.pacer,
    fixed(r.occupancy, 3),
    fixed(r.abandonRate, 4),
    fixed(r.abandonRateUk, 4),
    String(r.liveAnswers),
    String(r.abandoned),
    String(r.started),
    `${r.maxStartsPerSecond}/${r.callsPerSecond}`,
    fixed(percentile(r.answerToRepSeconds, 95), 2),
    fixed(r.endedAtSeconds / 3600, 2),
  ];
}

/** Every dialer of every scenario, side by side. */
export function campaignTable(runs: readonly ScenarioRuns[]): string {
  const header = [
    'scenario',
    'seed',
    'dialer',
    'occupancy',
    'abandon',
    'abandon_uk',
    'live',
    'abandoned',
    'dials',
    'max_cps',
    'a2r_p95_s',
    'hours',
  ];
  const rows = runs.flatMap((r) =>
    [r.holdline, r.progressive, r.adaptive, r.original, r.clairvoyant].map((x) =>
      row(r.scenario.name, r.scenario.config.seed, x),
    ),
  );
  return formatTable([header, ...rows]);
}
