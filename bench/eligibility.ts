import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { startEmulator, type Emulator } from '../src/emulator/emulator.js';
import type { FaultOptionsInput } from '../src/emulator/fault-options.js';
import { findFreePort } from '../src/sim/free-port.js';
import { compileExpression } from '../src/taskrouter/expression/index.js';
import { startChildServer, type ChildServer } from './lib/child-server.js';
import { positiveNumber, progress, say } from './lib/cli.js';
import { fixed2, formatTable, verdict, whole } from './lib/report.js';

/**
 * A full eligibility sync of 5,100 workers against 60 queues, as a deployment runs it: holdline's
 * server in its own process (production mode, embedded store under a fresh DATA_DIR) against
 * the emulator with TaskRouter's read and write limits, the emulator's events coming back to
 * the server. Side by side: a clean run; a run with 10% of the worker requests failing and the
 * server killed (SIGKILL) mid-job and started again; the floor (writes ÷ write limit); and the
 * original design's ~5 minutes for 5,100 agents (its README).
 *
 * "Lost" counts workers that end with any attribute other than our key changed, or with the
 * wrong list (judged independently here, on the emulator's own data).
 */
const ACCOUNT_SID = `AC${'e1'.repeat(16)}`;
const AUTH_TOKEN = 'bench-eligibility-token';
const API_TOKEN = 'bench-eligibility-api-token';
const KEY = 'eligible_queues';
const ORIGINAL_SECONDS = 300;
const TARGET_VS_FLOOR = 1.1;
const REPO_ROOT = path.resolve(__dirname, '..');
/** 10% of the worker requests fail: answered 500/503, or dropped without an answer. */
const tenPercentFaults = {
  serverErrorShare: 0.05,
  dropShare: 0.05,
  pathPattern: '/Workers',
  seed: 11,
};

function readOptions() {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      workers: { type: 'string', default: '5100' },
      queues: { type: 'string', default: '60' },
      'write-rate': { type: 'string', default: '50' },
      'read-rate': { type: 'string', default: '100' },
      'kill-at': { type: 'string', default: '0.4' },
    },
  });
  const number = positiveNumber;
  return {
    workers: number('workers', values.workers),
    queues: number('queues', values.queues),
    writeRate: number('write-rate', values['write-rate']),
    readRate: number('read-rate', values['read-rate']),
    killAt: number('kill-at', values['kill-at']),
  };
}

type Options = ReturnType<typeof readOptions>;

interface JobView {
  kind: string;
  state: string;
  total: number;
  done: number;
  failed: number;
  startedAt: string;
  finishedAt: string | null;
}

interface RunResult {
  seconds: number;
  writes: number;
  attempts: number;
  failedItems: number;
  lost: number;
  restarts: number;
}

async function run(
  options: Options,
  faults: FaultOptionsInput | undefined,
  kill: boolean,
): Promise<RunResult> {
  const emulator = await startEmulator({
    accountSid: ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    workspace: { seed: 3, workerCount: options.workers, queueCount: options.queues },
  });
  const original = new Map(emulator.workspace.workers.list().map((w) => [w.sid, w.attributes]));
  emulator.faults.set({
    // TaskRouter counts a Workspace's reads and writes apart; a burst of one second of each.
    rateLimit: { requestsPerSecond: options.readRate, burst: options.readRate },
    writeRateLimit: { requestsPerSecond: options.writeRate, burst: options.writeRate },
    ...faults,
  });
  const dataDir = await mkdtemp(path.join(tmpdir(), 'holdline-bench-eligibility-'));
  const port = await findFreePort();
  emulator.workspace.configure({ eventCallbackUrl: `http://127.0.0.1:${port}/taskrouter/events` });
  const start = () => startServer(options, emulator, dataDir, port);
  let server = await start();
  let restarts = 0;
  try {
    let workerJob: JobView | undefined;
    for (;;) {
      const jobs = await listJobs(server);
      // The sync's job: the largest (an event's own jobs are one worker each).
      workerJob = jobs
        .filter((job) => job.kind === 'worker-eligibility')
        .sort((a, b) => b.total - a.total)[0];
      if (workerJob?.state === 'done') break;
      if (
        kill &&
        restarts === 0 &&
        workerJob !== undefined &&
        workerJob.done > workerJob.total * options.killAt
      ) {
        progress(`killing the server (SIGKILL) at ${workerJob.done} of ${workerJob.total} workers`);
        await server.kill();
        server = await start();
        restarts += 1;
      }
      await sleep(250);
    }
    const sync = (await listJobs(server)).find((job) => job.kind === 'eligibility-sync');
    if (sync === undefined || workerJob.finishedAt === null) {
      const jobs = await listJobs(server);
      throw new Error(
        `no sync job on record: ${JSON.stringify(jobs.slice(0, 3))} (${jobs.length})`,
      );
    }
    await emulator.events.settled();
    return {
      seconds: (Date.parse(workerJob.finishedAt) - Date.parse(sync.startedAt)) / 1000,
      writes: emulator.workerWrites.applied,
      attempts: emulator.workerWrites.attempts,
      failedItems: workerJob.failed,
      lost: countLost(emulator, original),
      restarts,
    };
  } finally {
    await server.stop();
    await emulator.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

function startServer(
  options: Options,
  emulator: Emulator,
  dataDir: string,
  port: number,
): Promise<ChildServer> {
  const queues = emulator.workspace
    .list()
    .slice(0, 2)
    .map((queue) => queue.friendlyName);
  return startChildServer({
    name: 'holdline',
    command: process.execPath,
    args: ['--import', 'tsx', 'src/server.ts'],
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      LOG_LEVEL: 'warn',
      DATA_DIR: dataDir,
      TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      TWILIO_API_BASE_URL: emulator.baseUrl,
      TWILIO_FLEX_WORKSPACE_SID: emulator.workspaceSid,
      QUEUES: queues.join(','),
      API_TOKEN,
      ELIGIBLE_QUEUES_ATTRIBUTE: KEY,
      // The client's paces: the Workspace's limits, as a deployment would set them.
      ELIGIBILITY_MAX_WRITES_PER_SECOND: String(options.writeRate),
      ELIGIBILITY_MAX_READS_PER_SECOND: String(options.readRate),
    },
    port,
    readyPath: '/healthz',
    readyTimeoutMs: 30_000,
  });
}

async function listJobs(server: ChildServer): Promise<JobView[]> {
  const response = await fetch(`${server.baseUrl}/api/jobs`, {
    headers: { authorization: `Bearer ${API_TOKEN}` },
  });
  if (!response.ok) throw new Error(`GET /api/jobs answered ${response.status}`);
  return ((await response.json()) as { jobs: JobView[] }).jobs;
}

/** Workers whose other attributes changed, or whose list is not what their attributes call for. */
function countLost(emulator: Emulator, original: ReadonlyMap<string, string>): number {
  const queues = emulator.workspace.list().map((queue) => ({
    sid: queue.taskQueueSid,
    expression: compileExpression(queue.targetWorkers ?? '1==0'),
  }));
  let lost = 0;
  for (const worker of emulator.workspace.workers.list()) {
    const before = JSON.parse(original.get(worker.sid) ?? '{}') as Record<string, unknown>;
    const { [KEY]: listed, ...after } = JSON.parse(worker.attributes) as Record<string, unknown>;
    const expected = queues
      .filter((q) => q.expression.matches(before))
      .map((q) => q.sid)
      .sort();
    const same =
      JSON.stringify(after) === JSON.stringify(before) &&
      JSON.stringify(listed) === JSON.stringify(expected);
    if (!same) lost += 1;
  }
  return lost;
}

async function main(): Promise<void> {
  const options = readOptions();
  const floor = options.workers / options.writeRate;
  progress(
    `clean run: ${options.workers} workers × ${options.queues} queues, writes ${options.writeRate}/s, reads ${options.readRate}/s`,
  );
  const clean = await run(options, undefined, false);
  progress('faults and a kill: 10% of worker requests fail, SIGKILL mid-job, restart');
  const faulted = await run(options, tenPercentFaults, true);

  const row = (name: string, r: RunResult) => [
    name,
    fixed2(r.seconds),
    fixed2(r.seconds / floor),
    whole(r.writes),
    whole(r.attempts),
    whole(r.failedItems),
    whole(r.lost),
    whole(r.restarts),
  ];
  say(
    `eligibility: ${options.workers} workers × ${options.queues} queues; TaskRouter limits ${options.writeRate} writes/s, ${options.readRate} reads/s`,
  );
  say(
    formatTable([
      [
        'run',
        'seconds',
        'vs floor',
        'writes',
        'write attempts',
        'failed items',
        'lost',
        'restarts',
      ],
      row('holdline, clean', clean),
      row('holdline, 10% faults + kill', faulted),
      [
        'floor (workers ÷ write limit)',
        fixed2(floor),
        '1.00',
        whole(options.workers),
        '',
        '',
        '',
        '',
      ],
      [
        'original design (its README)',
        whole(ORIGINAL_SECONDS),
        fixed2(ORIGINAL_SECONDS / floor),
        '',
        '',
        '',
        '',
        '',
      ],
    ]),
  );
  const ratio = clean.seconds / floor;
  const lost = clean.lost + faulted.lost;
  say(
    `target: clean within ${TARGET_VS_FLOOR}x of the floor: ${verdict(ratio, '<=', TARGET_VS_FLOOR)}; lost = 0 with faults and a kill: ${lost === 0 ? 'met' : 'MISSED'}`,
  );
  say(
    `eligibility holdline_vs_floor=${fixed2(ratio)} seconds=${fixed2(clean.seconds)} lost=${lost}`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
