import { startE2eApp, type E2eApp } from '../../src/sim/e2e-app.js';
import { recordTrace } from '../../src/sim/e2e-trace.js';
import type { CallCenterConfig } from '../../src/sim/call-center-config.js';

const QUEUES = ['premium-customers', 'customers'];
const START = Date.parse('2026-11-23T09:00:00Z');

/** Ten agents, three hours, 30% premium, callers who hang up when tired of waiting. */
const RATE = (0.95 * 10) / 300;
const CENTER: CallCenterConfig = {
  classes: [
    {
      queue: 'premium-customers',
      arrivals: { kind: 'poisson', ratePerSecond: 0.3 * RATE },
      patience: { kind: 'exponential', mean: 600 },
    },
    {
      queue: 'customers',
      arrivals: { kind: 'poisson', ratePerSecond: 0.7 * RATE },
      patience: { kind: 'exponential', mean: 600 },
    },
  ],
  service: { kind: 'exponential', mean: 300 },
  staffing: 10,
  durationSeconds: 3 * 3600,
  seed: 7,
  startAt: START,
};

/**
 * The simulator's end-to-end mode at CI size, played against the app over HTTP on loopback as
 * Twilio would play it. The app runs on the simulation's clock; everything else is real:
 * signatures, routing, the rep loop, the learner behind the estimates.
 */
describe('the simulator driving the app over HTTP', () => {
  const apps: E2eApp[] = [];
  afterAll(() => Promise.all(apps.map((app) => app.stop())));

  /** The app with these QUEUES, played the simulation, whose priority order is QUEUES. */
  const play = async (appQueues: readonly string[], takesReported = true) => {
    const app = await startE2eApp({ queues: appQueues, startAt: START });
    apps.push(app);
    return app.play(recordTrace(CENTER), QUEUES, { takesReported });
  };

  it('puts callers where they belong, hands reps premium callers first, and speaks the estimator', async () => {
    const report = await play(QUEUES);
    expect(report.problems).toEqual([]);
    expect(report.callers).toBeGreaterThan(200);
    expect(report.served + report.abandoned).toBe(report.callers);
    expect(report.estimatesSpoken).toBeGreaterThan(20);
  }, 60_000);

  it('speaks the estimator too when takes are known only from the bridged result at the call end', async () => {
    const report = await play(QUEUES, false);
    expect(report.problems).toEqual([]);
    expect(report.estimatesSpoken).toBeGreaterThan(20);
  }, 60_000);

  it('notices an app whose reps serve the regular queue first', async () => {
    const report = await play([...QUEUES].reverse());
    expect(report.problems.some((p) => p.includes('was handed'))).toBe(true);
  }, 60_000);
});
