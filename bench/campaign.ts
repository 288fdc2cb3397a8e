import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderPng } from './accuracy/chart.js';
import { pacingChartSvg } from './campaign/chart.js';
import { campaignLine, campaignTable } from './campaign/report.js';
import { predictivePacerAt, runScenario } from './campaign/run-scenario.js';
import { campaignScenarios } from './campaign/scenarios.js';
import { positiveNumber, progress, say } from './lib/cli.js';
import { ABANDON_CAP } from '../src/outbound/campaign.js';

/**
 * Issue 18's campaign benchmark: each scenario's contacts and agents dialed by holdline's pacer,
 * progressive 1:1, a VICIdial-style adaptive dialer (ADAPT_HARD_LIMIT), the original design's
 * "dial every fetched record", and a clairvoyant dialer (the ceiling), in virtual time
 * (src/sim/campaign/). One line per scenario in the format, then a table of every
 * dialer. Holdline's is its predictive pacer (src/sim/campaign/pacers/predictive-pacer.ts), and
 * each line names it (`holdline_pacer=predictive`).
 * `--quick`: 2 h campaigns. `--hours`, `--seed`, `--seeds` (how many, from `--seed` on) and
 * `--scenario` choose the runs.
 * `--abandon-target 0.025` runs holdline's pacer at another target than the campaigns' default.
 * `--write-docs` also draws the standard scenario over the day into docs/pacing.png.
 */
function main(): void {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      hours: { type: 'string' },
      seed: { type: 'string', default: '1' },
      seeds: { type: 'string', default: '1' },
      scenario: { type: 'string' },
      'abandon-target': { type: 'string' },
      'write-docs': { type: 'boolean', default: false },
    },
  });
  const hours = positiveNumber('hours', values.hours ?? (values.quick ? '2' : '8'));
  const firstSeed = positiveNumber('seed', values.seed);
  const seeds = Array.from(
    { length: positiveNumber('seeds', values.seeds) },
    (_, i) => firstSeed + i,
  );
  const scenarios = seeds.flatMap((seed) =>
    campaignScenarios(seed, hours).filter(
      (s) => values.scenario === undefined || s.name === values.scenario,
    ),
  );
  if (scenarios.length === 0) throw new Error(`no scenario named ${values.scenario}`);
  const target = values['abandon-target'];
  const holdline = predictivePacerAt(
    target === undefined ? undefined : shareOfOne('abandon-target', target),
  );
  const startedAt = performance.now();
  const runs = scenarios.map((scenario) => {
    const run = runScenario(scenario, holdline);
    progress(
      `${scenario.name}: ${hours} h, seed ${scenario.config.seed}, ${run.seconds.toFixed(1)} s`,
    );
    say(campaignLine(run));
    return run;
  });
  say('');
  say(campaignTable(runs));
  say('');
  const standard = runs.find((r) => r.scenario.name === 'standard'); // the first seed's
  if (values['write-docs'] === true && standard !== undefined) {
    const file = path.resolve(__dirname, '..', 'docs', 'pacing.png');
    writeFileSync(file, renderPng(pacingChartSvg(standard)));
    progress(`wrote ${file}`);
  }
  say(
    `ran in ${((performance.now() - startedAt) / 1000).toFixed(1)} s (${hours} h campaigns, seeds ${seeds.join(', ')})`,
  );
}

/** A share in (0, 0.03]: the pacer's target, never above the legal cap. */
function shareOfOne(name: string, text: string): number {
  const share = Number(text);
  if (!(share > 0 && share <= ABANDON_CAP)) {
    throw new Error(`--${name} must be a share above 0 and at most ${ABANDON_CAP}, not ${text}`);
  }
  return share;
}

main();
