import { parseArgs } from 'node:util';
import { createQueueLearner } from '../wait-time/queue-learner.js';
import { createCallCenter } from './call-center.js';
import type { CallCenterConfig, CallerClass } from './call-center-config.js';
import { startE2eApp } from './e2e-app.js';
import { recordTrace } from './e2e-trace.js';
import { erlangC } from './erlang.js';

/**
 * `npm run sim -- [options]`: runs one simulated call center and prints what happened per
 * queue, what Erlang C predicts where it applies, and the rates holdline's learner took from
 * the run's queue events next to the true ones. With --e2e it plays the run against the app
 * over HTTP instead (src/sim/e2e-driver.ts) and prints what disagreed. A process entry: prints,
 * exits non-zero on a bad option or a disagreement.
 */
const USAGE = `npm run sim -- [--agents 100] [--load 0.95] [--call-minutes 5]
  [--patience-minutes 10 | --patience-minutes infinite] [--premium-share 0.3]
  [--swing 0.2 --swing-hours 2] [--hours 4] [--warm-up-hours 2] [--seed 1] [--e2e]`;

function number(values: Record<string, unknown>, name: string, fallback: number): number {
  const raw = values[name];
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0) {
    throw new Error(`--${name} must be a number ≥ 0, not ${String(raw)}\n${USAGE}`);
  }
  return value;
}

function readConfig(argv: readonly string[]): CallCenterConfig {
  const options = Object.fromEntries(
    [
      'agents',
      'load',
      'call-minutes',
      'patience-minutes',
      'premium-share',
      'swing',
      'swing-hours',
      'hours',
      'warm-up-hours',
      'seed',
    ].map((name) => [name, { type: 'string' as const }]),
  );
  const { values } = parseArgs({ args: [...argv], options });
  const agents = number(values, 'agents', 100);
  const callSeconds = number(values, 'call-minutes', 5) * 60;
  const rate = (number(values, 'load', 0.95) * agents) / callSeconds;
  const share = number(values, 'premium-share', 0);
  const swing = number(values, 'swing', 0);
  const patience: CallerClass['patience'] =
    values['patience-minutes'] === 'infinite'
      ? 'infinite'
      : { kind: 'exponential', mean: number(values, 'patience-minutes', 10) * 60 };
  const arrivals = (classRate: number): CallerClass['arrivals'] =>
    swing > 0
      ? {
          kind: 'sinusoidal',
          meanRatePerSecond: classRate,
          amplitude: swing,
          periodSeconds: number(values, 'swing-hours', 2) * 3600,
        }
      : { kind: 'poisson', ratePerSecond: classRate };
  const warmUpSeconds = number(values, 'warm-up-hours', 2) * 3600;
  const classes: CallerClass[] = [
    ...(share > 0
      ? [{ queue: 'premium-customers', arrivals: arrivals(rate * share), patience }]
      : []),
    { queue: 'customers', arrivals: arrivals(rate * (1 - share)), patience },
  ];
  return {
    classes,
    service: { kind: 'exponential', mean: callSeconds },
    staffing: agents,
    durationSeconds: warmUpSeconds + number(values, 'hours', 4) * 3600,
    warmUpSeconds,
    seed: Math.round(number(values, 'seed', 1)),
  };
}

/** The run played against the app on loopback, as Twilio would play it. */
async function endToEnd(config: CallCenterConfig): Promise<void> {
  const queues = config.classes.map((c) => c.queue);
  const startAt = Date.now();
  const app = await startE2eApp({ queues, startAt });
  try {
    const report = await app.play(recordTrace({ ...config, startAt }), queues);
    const { callers, served, abandoned, requests, estimatesSpoken, problems } = report;
    process.stdout.write(
      `e2e: ${callers} callers (${served} served, ${abandoned} hung up), ${requests} signed ` +
        `requests, ${estimatesSpoken} estimates spoken, ${problems.length} disagreements\n`,
    );
    for (const problem of problems.slice(0, 20)) process.stdout.write(`  ${problem}\n`);
    if (problems.length > 0) process.exitCode = 1;
  } finally {
    await app.stop();
  }
}

function main(argv: readonly string[]): void {
  if (argv.includes('--e2e')) {
    void endToEnd(readConfig(argv.filter((arg) => arg !== '--e2e'))).catch(fail);
    return;
  }
  const config = readConfig(argv);
  const learner = createQueueLearner({ halfLifeSeconds: 30 * 60 });
  const center = createCallCenter(config);
  const result = center.run({ listeners: [learner] });
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const agents = config.staffing as number;
  const callSeconds = config.service.mean;
  out(`${agents} agents, ${callSeconds / 60}-minute calls (exponential), seed ${config.seed}`);
  for (const summary of result.queues) {
    const { queue, arrived, served, abandoned, servedWithoutWaiting, meanTrueWaitSeconds } =
      summary;
    out(
      `${queue}: ${arrived} callers, ${served} served (${servedWithoutWaiting} at once), ` +
        `${abandoned} hung up; mean wait if nobody hung up ${meanTrueWaitSeconds?.toFixed(1)} s`,
    );
    const rates = learner.rates(queue, center.now());
    out(
      `  holdline learned: agents take ${((rates.serviceRate ?? Number.NaN) * 60).toFixed(2)} ` +
        `callers/min under a backlog, ${(rates.abandonmentRate * 3600).toFixed(2)} hang-ups per ` +
        `waiting caller-hour`,
    );
  }
  const only = config.classes.length === 1 ? config.classes[0] : undefined;
  const patience = config.classes[0]?.patience ?? 'infinite';
  out(
    `true: agents take ${((agents / callSeconds) * 60).toFixed(2)} callers/min (all queues), ` +
      `patience ${patience === 'infinite' ? 'infinite' : `${patience.mean / 60} min mean`}`,
  );
  if (only?.patience === 'infinite' && only.arrivals.kind === 'poisson') {
    const theory = erlangC(only.arrivals.ratePerSecond, 1 / callSeconds, agents);
    out(
      `Erlang C (M/M/${agents}): P(wait) ${theory.probabilityOfWaiting.toFixed(3)}, mean wait ` +
        `${theory.meanWait.toFixed(1)} s`,
    );
  }
}

function fail(error: unknown): void {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}

try {
  main(process.argv.slice(2));
} catch (error) {
  fail(error);
}
