import { runOnce } from '../../bench/accuracy/run.js';
import { SCENARIOS } from '../../bench/accuracy/scenarios.js';
import { summarise } from '../../bench/accuracy/summary.js';

/**
 * The accuracy benchmark at smoke size (bench:accuracy -- --quick runs three such seeds per
 * scenario): the wiring from simulator to estimator to scores holds, and the learned estimator
 * is in the oracle's league rather than the baselines'. Bounds are loose on purpose: the
 * figures themselves are the benchmark's business, not a test's.
 */
describe('the accuracy benchmark, smoke-sized', () => {
  const scenario = SCENARIOS.find((s) => s.name === 'load-0.95');
  if (scenario === undefined) throw new Error('scenario load-0.95 is gone');
  const length = { warmUpSeconds: 3600, scoredSeconds: 2 * 3600 };
  const scores = [1000, 1001].map((seed) => runOnce(scenario, seed, length)[0]);

  it('scores hundreds of callers per run, nearly all of whom holdline answered for', () => {
    for (const score of scores) {
      expect(score?.queue).toBe('customers');
      expect(score?.figures.holdline.callers).toBeGreaterThan(200);
      expect(score?.holdlineCoverage).toBeGreaterThan(0.9);
    }
  });

  it('holdline is close to the oracle and far ahead of the 30-minute average', () => {
    const summary = summarise(
      scenario,
      scores.filter((s) => s !== undefined),
      false,
    );
    expect(summary.holdlineVsOracle.mean).toBeLessThan(1.5);
    expect(summary.average30VsHoldline.mean).toBeGreaterThan(2);
  });
});
