import { campaignLine, campaignTable } from '../../../bench/campaign/report.js';
import { runScenario } from '../../../bench/campaign/run-scenario.js';
import { campaignScenarios } from '../../../bench/campaign/scenarios.js';
import { ClairvoyantPacer } from '../../../src/sim/campaign/pacers/clairvoyant-pacer.js';

/**
 * bench:campaign at a tiny size (every scenario, 10 minutes): the wiring from scenarios to the
 * issue's line holds. The figures themselves are the benchmark's business, not a test's.
 */
describe('the campaign benchmark, smoke-sized', () => {
  const runs = campaignScenarios(7, 1 / 6).map((s) => runScenario(s));

  it('has the issue’s six scenarios', () => {
    expect(runs.map((r) => r.scenario.name)).toEqual([
      'standard',
      'small-team',
      'low-answer',
      'shift-change',
      'amd',
      'cps-1',
    ]);
  });

  it('prints one line per scenario in the issue’s format, saying what holds holdline’s place', () => {
    const number = '\\d+\\.\\d+';
    const format = new RegExp(
      `^campaign scenario=standard holdline_occupancy=${number} adaptive_occupancy=${number} ` +
        `progressive_occupancy=${number} clairvoyant_occupancy=${number} ` +
        `holdline_abandon=${number} adaptive_abandon=${number} cps_max_vs_limit=${number} ` +
        `answer_to_rep_p95_s=${number} holdline_pacer=predictive ` +
        `original_occupancy=${number} original_abandon=${number} holdline_abandon_uk=${number} seed=7$`,
    );
    expect(campaignLine(runs[0] as (typeof runs)[0])).toMatch(format);
  });

  it('runs every dialer on the same list, none past the account’s CPS', () => {
    for (const run of runs) {
      const dialers = [run.holdline, run.progressive, run.adaptive, run.original, run.clairvoyant];
      expect(dialers.map((d) => d.pacer)).toEqual([
        'predictive',
        'progressive',
        'adaptive',
        'original',
        'clairvoyant',
      ]);
      for (const d of dialers) {
        expect(d.started).toBeGreaterThan(0);
        expect(d.maxStartsPerSecond).toBeLessThanOrEqual(d.callsPerSecond);
      }
    }
    expect(campaignTable(runs).split('\n')).toHaveLength(1 + 5 * runs.length);
  });

  it('scores the pacer it is given as holdline’s, and says which', () => {
    const [standard] = campaignScenarios(7, 1 / 6);
    if (standard === undefined) throw new Error('no standard scenario');
    const run = runScenario(standard, (config, contacts) => new ClairvoyantPacer(config, contacts));
    expect(run.holdlinePacer).toBe('clairvoyant');
    expect(run.holdline.occupancy).toBe(run.clairvoyant.occupancy);
    expect(campaignLine(run)).toContain(' holdline_pacer=clairvoyant ');
  });
});
