import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { processCpuSeconds } from './lib/process-cpu.js';
import { percentile, runLoad, type LoadOptions, type LoadResult } from './lib/load.js';
import { fixed2, formatTable, verdict, whole } from './lib/report.js';
import { buildHoldline, startBare, startHoldline, type Target } from './lib/targets.js';
import { checkAnswersTwiml } from './lib/wait-request.js';
import { progress, say } from './lib/cli.js';

/**
 * holdline's POST /voice/wait (signature checked, logging at info) against a bare Express
 * handler answering constant TwiML, in one run: saturated throughput, and p99 at a steady rate.
 * The same bare handler also runs on holdline's HTTP server, so the report shows what that
 * server is worth apart from everything else. Each server has its own process; one is under
 * load at a time, and the runs alternate between them so that a noisy neighbour does not
 * always land on the same one.
 */

const SATURATED_CONNECTIONS = 50;
const STEADY_RATE = 500;
/**
 * autocannon paces per connection and per second: each connection sends its share of the rate
 * back to back as its second starts, then waits. The connection count is therefore the
 * concurrency of those bursts: with 50, each second opens with 50 requests queued at once and
 * the p99 is a saturated latency again. Twilio's webhooks arrive independently; at 500/s and
 * well under a millisecond each, the server mostly has one in hand. One connection is the
 * closest autocannon comes (it leaves out the occasional overlap; 2 would put one in every time).
 */
const STEADY_CONNECTIONS = 1;
const WARM_UP_SECONDS = 3;
/**
 * Each phase runs in rounds that alternate (bare, same-server bare, holdline, then backwards): on
 * a shared machine one run can land on a neighbour's burst, and the first steady run after a
 * saturated one is slow for all (the heap settling). Throughput is each server's median round. The
 * steady p99 is over every request of all rounds pooled: a round's p99 falls where a small
 * share of requests meet a stall of the machine (every server sees them), so it jumps several-fold
 * from round to round (docs/performance.md), and a median of five such figures is a coin toss.
 * Pooled, each server's p99 comes from 5x the requests in the same interleaved conditions.
 */
const ROUNDS = 5;
const TARGET_RPS_RATIO = 0.7;
const TARGET_P99_RATIO = 1.5;

type Phase = Pick<LoadOptions, 'connections' | 'durationSeconds' | 'overallRate'>;

function readDurationSeconds(argv: readonly string[]): number {
  const { values } = parseArgs({ args: [...argv], options: { duration: { type: 'string' } } });
  const seconds = Number(values.duration ?? '10');
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(`--duration must be a positive number of seconds, not "${values.duration}"`);
  }
  return seconds;
}

/** Figures from a run with any failed request would be figures about the failure: abort. */
interface Measured extends LoadResult {
  /** The server's own CPU time per request answered (NaN where /proc cannot be read). */
  readonly cpuMicrosPerRequest: number;
}

async function measure(target: Target, label: string, phase: Phase): Promise<Measured> {
  progress(`${target.server.name}: ${label} (${phase.durationSeconds} s)`);
  const cpuBefore = processCpuSeconds(target.server.pid);
  const result = await runLoad({
    url: target.server.baseUrl + target.request.path,
    body: target.request.body,
    headers: target.request.headers,
    ...phase,
  });
  if (result.problems.length > 0) {
    throw new Error(`${target.server.name}, ${label}: ${result.problems.join('; ')}`);
  }
  const cpuAfter = processCpuSeconds(target.server.pid);
  const cpuSeconds =
    cpuBefore === undefined || cpuAfter === undefined ? Number.NaN : cpuAfter - cpuBefore;
  return { ...result, cpuMicrosPerRequest: (cpuSeconds * 1e6) / result.requests };
}

/** Each target's runs, in the order the targets were given. */
async function alternate(
  targets: readonly Target[],
  label: string,
  phase: Phase,
): Promise<Measured[][]> {
  const runs: Measured[][] = targets.map(() => []);
  for (let round = 1; round <= ROUNDS; round += 1) {
    const order = targets.map((_, i) => i);
    if (round % 2 === 0) order.reverse();
    for (const i of order) {
      const target = targets[i] as Target;
      runs[i]?.push(await measure(target, `${label}, round ${round} of ${ROUNDS}`, phase));
    }
  }
  return runs;
}

/** The run whose figure is the median (its other figures come with it). */
function median(runs: readonly Measured[], figure: (run: Measured) => number): Measured {
  const sorted = [...runs].sort((a, b) => figure(a) - figure(b));
  const middle = sorted[Math.floor(sorted.length / 2)];
  if (middle === undefined) throw new Error('no runs to take a median of');
  return middle;
}

/** All rounds as one run: every latency, and the mean rate reached. */
function pooled(runs: readonly Measured[]): { p99Ms: number; rps: number } {
  return {
    p99Ms: percentile(
      runs.flatMap((run) => run.latenciesMs),
      99,
    ),
    rps: runs.reduce((sum, run) => sum + run.rps, 0) / runs.length,
  };
}

interface Figures {
  /** The median saturated round's rate, and that round's p99. */
  readonly saturatedRps: number;
  readonly saturatedP99Ms: number;
  /** Every steady round pooled. */
  readonly steadyP99Ms: number;
  readonly steadyRps: number;
  /** The median saturated round's CPU per request: the steadier figure on a shared machine. */
  readonly cpuMicrosPerRequest: number;
}

function summarise(saturatedRuns: readonly Measured[], steadyRuns: readonly Measured[]): Figures {
  const saturated = median(saturatedRuns, (run) => run.rps);
  const steady = pooled(steadyRuns);
  return {
    saturatedRps: saturated.rps,
    saturatedP99Ms: saturated.p99Ms,
    steadyP99Ms: steady.p99Ms,
    steadyRps: steady.rps,
    cpuMicrosPerRequest: median(saturatedRuns, (run) => run.cpuMicrosPerRequest)
      .cpuMicrosPerRequest,
  };
}

async function main(): Promise<void> {
  const seconds = readDurationSeconds(process.argv.slice(2));
  const loadAtStart = loadavg()[0] ?? Number.NaN;
  const stops: (() => Promise<void>)[] = [];
  const stopAll = () => Promise.all(stops.map((stop) => stop()));
  // Children are stopped by PID on the way out, however the run ends.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stopAll().finally(() => process.exit(130)));
  }
  try {
    progress('building holdline (npm run build)');
    buildHoldline();
    const bare = await startBare();
    stops.push(() => bare.server.stop());
    // Bare Express again, served as holdline is: how much of any difference is that server.
    const sameServer = await startBare({ name: "bare on holdline's server", server: 'holdline' });
    stops.push(() => sameServer.server.stop());
    const holdline = await startHoldline();
    stops.push(
      () => holdline.server.stop(),
      () => holdline.emulator.stop(),
    );
    const targets = [bare, sameServer, holdline];
    for (const target of targets) {
      await checkAnswersTwiml(target.server.baseUrl, target.request);
    }

    const saturated: Phase = { connections: SATURATED_CONNECTIONS, durationSeconds: seconds };
    const steady: Phase = {
      connections: STEADY_CONNECTIONS,
      durationSeconds: seconds,
      overallRate: STEADY_RATE,
    };
    const warmUp: Phase = { ...saturated, durationSeconds: Math.min(WARM_UP_SECONDS, seconds) };
    for (const target of targets) await measure(target, 'warm-up', warmUp);
    const saturatedRuns = await alternate(targets, 'saturated', saturated);
    const steadyRuns = await alternate(targets, `steady ${STEADY_RATE} req/s`, steady);
    const [bareFigures, sameFigures, holdlineFigures] = targets.map((_, i) =>
      summarise(saturatedRuns[i] ?? [], steadyRuns[i] ?? []),
    ) as [Figures, Figures, Figures];

    const rpsRatio = holdlineFigures.saturatedRps / bareFigures.saturatedRps;
    const p99Ratio = holdlineFigures.steadyP99Ms / bareFigures.steadyP99Ms;
    const row = (
      metric: string,
      figure: (f: Figures) => number,
      format: (value: number) => string,
      ratio: (holdline: number, other: number) => number,
      target?: string,
    ) => [
      metric,
      format(figure(bareFigures)),
      format(figure(holdlineFigures)),
      fixed2(ratio(figure(holdlineFigures), figure(bareFigures))),
      target ?? '',
      format(figure(sameFigures)),
      fixed2(ratio(figure(holdlineFigures), figure(sameFigures))),
    ];
    const over = (a: number, b: number) => a / b;
    say('');
    say(
      formatTable([
        ['metric', 'bare', 'holdline', 'ratio', 'target', 'same-server bare', 'ratio'],
        row(
          `saturated req/s (${SATURATED_CONNECTIONS} conn)`,
          (f) => f.saturatedRps,
          whole,
          over,
          verdict(rpsRatio, '>=', TARGET_RPS_RATIO),
        ),
        row(
          `saturated p99 ms (${SATURATED_CONNECTIONS} conn)`,
          (f) => f.saturatedP99Ms,
          fixed2,
          over,
        ),
        row(
          `p99 ms at ${STEADY_RATE} req/s (${STEADY_CONNECTIONS} conn, rounds pooled)`,
          (f) => f.steadyP99Ms,
          fixed2,
          over,
          verdict(p99Ratio, '<=', TARGET_P99_RATIO),
        ),
        row(`req/s reached at ${STEADY_RATE}`, (f) => f.steadyRps, whole, over),
        row(
          'server CPU us/request, saturated (ratio: other/holdline)',
          (f) => f.cpuMicrosPerRequest,
          whole,
          (holdlineCpu, otherCpu) => otherCpu / holdlineCpu,
        ),
      ]),
    );
    say('');
    say(
      "bare: a constant-TwiML Express handler on app.listen (the issue's baseline). same-server " +
        "bare: that handler on holdline's HTTP server (src/http/app-server.ts), which spares " +
        'Express its per-request re-prototyping; holdline against it is holdline against the same ' +
        'floor.',
    );
    const list = (runs: readonly Measured[], figure: (run: Measured) => string) =>
      runs.map(figure).join(', ');
    const perTarget = (runsOf: Measured[][], figure: (run: Measured) => string) =>
      targets
        .map((target, i) => `${target.server.name} ${list(runsOf[i] ?? [], figure)}`)
        .join('; ');
    say(
      `${ROUNDS} alternating rounds (saturated: medians; steady: pooled). Saturated req/s: ` +
        `${perTarget(saturatedRuns, (r) => whole(r.rps))}. Each round's p99 ms at ${STEADY_RATE} ` +
        `req/s: ${perTarget(steadyRuns, (r) => fixed2(r.p99Ms))}. Server CPU us/request, ` +
        `saturated: ${perTarget(saturatedRuns, (r) => whole(r.cpuMicrosPerRequest))}.`,
    );
    say(
      `${seconds} s per run after a ${warmUp.durationSeconds} s warm-up; node ${process.version}, ` +
        `${cpus().length} CPUs, load average ${fixed2(loadAtStart)} at start.`,
    );
    say(
      'Reproduce: npm run bench:webhooks   (quick smoke run: npm run bench:webhooks -- --duration 2)',
    );
    say(
      `webhooks ratio_vs_bare=${fixed2(rpsRatio)} p99_vs_bare_at_500rps=${fixed2(p99Ratio)} ` +
        `bare_rps=${whole(bareFigures.saturatedRps)} holdline_rps=${whole(holdlineFigures.saturatedRps)}`,
    );
  } finally {
    await stopAll();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`bench:webhooks failed: ${message}\n`);
  process.exitCode = 1;
});
