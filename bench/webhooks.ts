import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { processCpuSeconds } from './lib/process-cpu.js';
import { percentile, runLoad, type LoadOptions, type LoadResult } from './lib/load.js';
import { fixed2, formatTable, verdict, whole } from './lib/report.js';
import { buildHoldline, startBare, startHoldline, type Target } from './lib/targets.js';
import { checkAnswersTwiml } from './lib/wait-request.js';

/**
 * holdline's POST /voice/wait (signature checked, logging at info) against a bare Express
 * handler answering constant TwiML, in one run: saturated throughput, and p99 at a steady rate.
 * Each server has its own process; one is under load at a time, and the runs alternate between
 * them so that a noisy neighbour does not always land on the same one.
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
 * Each phase runs in rounds that alternate (bare, holdline, holdline, bare, …): on a shared
 * machine one run can land on a neighbour's burst, and the first steady run after a saturated
 * one is slow for both (the heap settling). Throughput is each server's median round. The
 * steady p99 is over every request of all rounds pooled: a round's p99 falls where ~1% of
 * requests meet a 2-10 ms stall of the machine (both servers see them), so it jumps between
 * ~0.6 and ~3 ms from round to round, and a median of five such figures is a coin toss.
 * Pooled, each server's p99 comes from 5x the requests in the same interleaved conditions.
 */
const ROUNDS = 5;
const TARGET_RPS_RATIO = 0.7;
const TARGET_P99_RATIO = 1.5;

type Phase = Pick<LoadOptions, 'connections' | 'durationSeconds' | 'overallRate'>;

const say = (line: string) => process.stdout.write(`${line}\n`);
const progress = (line: string) => process.stderr.write(`… ${line}\n`);

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

async function alternate(
  bare: Target,
  holdline: Target,
  label: string,
  phase: Phase,
): Promise<{ bare: Measured[]; holdline: Measured[] }> {
  const runs = { bare: [] as Measured[], holdline: [] as Measured[] };
  for (let round = 1; round <= ROUNDS; round += 1) {
    const order = round % 2 === 1 ? [bare, holdline] : [holdline, bare];
    for (const target of order) {
      const result = await measure(target, `${label}, round ${round} of ${ROUNDS}`, phase);
      (target === bare ? runs.bare : runs.holdline).push(result);
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
    const holdline = await startHoldline();
    stops.push(
      () => holdline.server.stop(),
      () => holdline.emulator.stop(),
    );
    for (const target of [bare, holdline]) {
      await checkAnswersTwiml(target.server.baseUrl, target.request);
    }

    const saturated: Phase = { connections: SATURATED_CONNECTIONS, durationSeconds: seconds };
    const steady: Phase = {
      connections: STEADY_CONNECTIONS,
      durationSeconds: seconds,
      overallRate: STEADY_RATE,
    };
    const warmUp: Phase = { ...saturated, durationSeconds: Math.min(WARM_UP_SECONDS, seconds) };
    await measure(bare, 'warm-up', warmUp);
    await measure(holdline, 'warm-up', warmUp);
    const saturatedRuns = await alternate(bare, holdline, 'saturated', saturated);
    const bareSaturated = median(saturatedRuns.bare, (run) => run.rps);
    const holdlineSaturated = median(saturatedRuns.holdline, (run) => run.rps);
    const steadyRuns = await alternate(bare, holdline, `steady ${STEADY_RATE} req/s`, steady);
    const bareSteady = pooled(steadyRuns.bare);
    const holdlineSteady = pooled(steadyRuns.holdline);

    // CPU per request: the steadier figure on a shared machine (see process-cpu.ts).
    const cpu = (runs: readonly Measured[]) =>
      median(runs, (run) => run.cpuMicrosPerRequest).cpuMicrosPerRequest;
    const bareCpu = cpu(saturatedRuns.bare);
    const holdlineCpu = cpu(saturatedRuns.holdline);
    const rpsRatio = holdlineSaturated.rps / bareSaturated.rps;
    const p99Ratio = holdlineSteady.p99Ms / bareSteady.p99Ms;
    say('');
    say(
      formatTable([
        ['metric', 'bare', 'holdline', 'ratio', 'target'],
        [
          `saturated req/s (${SATURATED_CONNECTIONS} conn)`,
          whole(bareSaturated.rps),
          whole(holdlineSaturated.rps),
          fixed2(rpsRatio),
          verdict(rpsRatio, '>=', TARGET_RPS_RATIO),
        ],
        [
          `saturated p99 ms (${SATURATED_CONNECTIONS} conn)`,
          fixed2(bareSaturated.p99Ms),
          fixed2(holdlineSaturated.p99Ms),
          fixed2(holdlineSaturated.p99Ms / bareSaturated.p99Ms),
        ],
        [
          `p99 ms at ${STEADY_RATE} req/s (${STEADY_CONNECTIONS} conn, rounds pooled)`,
          fixed2(bareSteady.p99Ms),
          fixed2(holdlineSteady.p99Ms),
          fixed2(p99Ratio),
          verdict(p99Ratio, '<=', TARGET_P99_RATIO),
        ],
        [`req/s reached at ${STEADY_RATE}`, whole(bareSteady.rps), whole(holdlineSteady.rps)],
        [
          'server CPU us/request, saturated (ratio: bare/holdline)',
          whole(bareCpu),
          whole(holdlineCpu),
          fixed2(bareCpu / holdlineCpu),
        ],
      ]),
    );
    say('');
    const list = (runs: readonly Measured[], figure: (run: Measured) => string) =>
      runs.map(figure).join(', ');
    say(
      `${ROUNDS} alternating rounds (saturated: medians; steady: pooled). saturated req/s: bare ` +
        `${list(saturatedRuns.bare, (r) => whole(r.rps))}; holdline ` +
        `${list(saturatedRuns.holdline, (r) => whole(r.rps))}. Each round's p99 ms at ${STEADY_RATE} req/s: ` +
        `bare ${list(steadyRuns.bare, (r) => fixed2(r.p99Ms))}; holdline ` +
        `${list(steadyRuns.holdline, (r) => fixed2(r.p99Ms))}. Server CPU us/request, saturated: ` +
        `bare ${list(saturatedRuns.bare, (r) => whole(r.cpuMicrosPerRequest))}; holdline ` +
        `${list(saturatedRuns.holdline, (r) => whole(r.cpuMicrosPerRequest))}.`,
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
        `bare_rps=${whole(bareSaturated.rps)} holdline_rps=${whole(holdlineSaturated.rps)}`,
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
