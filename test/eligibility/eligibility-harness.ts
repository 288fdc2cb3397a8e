import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import { createMemoryEligibilityCache } from '../../src/eligibility/eligibility-cache.js';
import { createEligibility, type Eligibility } from '../../src/eligibility/eligibility-service.js';
import {
  createWorkspaceWorkers,
  type WorkspaceWorkers,
} from '../../src/eligibility/workspace-workers.js';
import type { JobProgress } from '../../src/jobs/job.js';
import { createJobRunner, type JobRunner } from '../../src/jobs/job-runner.js';
import type { JobStore } from '../../src/jobs/job-store.js';
import { createMemoryJobStore } from '../../src/jobs/memory-job-store.js';
import { compileExpression } from '../../src/taskrouter/expression/index.js';
import { captureLogger, type LogLine } from '../support/capture-logger.js';
import { EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN, sdkFor } from '../support/emulator-sdk.js';
import { eventually } from '../support/eventually.js';

export const KEY = 'eligible_queues';

export interface EligibilityHarness {
  readonly emulator: Emulator;
  readonly eligibility: Eligibility;
  readonly cache: ReturnType<typeof createMemoryEligibilityCache>;
  readonly jobs: JobStore;
  readonly logs: LogLine[];
  /** Waits until no job is running; answers every job, newest first. */
  settled(): Promise<JobProgress[]>;
  /**
   * The newest job of a kind. By kind, not by place: a job and the one it starts can share a
   * millisecond, and then their order in the list is not theirs.
   */
  newest(kind: string): Promise<JobProgress | undefined>;
  close(): Promise<void>;
}

/**
 * Eligibility as a process runs it, against an emulator with generated workers and queues:
 * the app's own SDK clients, a memory cache and job store, and a job runner.
 */
export async function startEligibilityHarness(
  workspace: {
    seed: number;
    workerCount: number;
    queueCount: number;
  },
  options: {
    /** Wraps the app's TaskRouter access, e.g. to let another writer in between its calls. */
    around?: (workers: WorkspaceWorkers, emulator: Emulator) => WorkspaceWorkers;
  } = {},
): Promise<EligibilityHarness> {
  const emulator = await startEmulator({
    accountSid: EMULATOR_ACCOUNT_SID,
    authToken: EMULATOR_AUTH_TOKEN,
    workspace,
  });
  const { logger, lines: logs } = captureLogger();
  const cache = createMemoryEligibilityCache();
  const jobs = createMemoryJobStore();
  const clock = { now: () => Date.now() };
  const eligibility = createEligibility({ cache, jobs, clock, logger, attributeKey: KEY });
  const client = sdkFor(emulator, { retryLimit: 6 }).client;
  const runner: JobRunner = createJobRunner({
    store: jobs,
    handlers: eligibility.handlers(
      (options.around ?? ((workers) => workers))(
        createWorkspaceWorkers({
          reads: client,
          writes: client,
          workspaceSid: emulator.workspaceSid,
        }),
        emulator,
      ),
    ),
    owner: 'test-runner',
    clock,
    logger,
    itemConcurrency: 8,
    batchesAtOnce: 2,
    leaseMs: 5_000,
    idleMs: 5,
  });
  runner.start();
  return {
    emulator,
    eligibility,
    cache,
    jobs,
    logs,
    settled: () =>
      eventually(
        async () => {
          const all = await jobs.list(Date.now());
          if (all.some((job) => job.state === 'running')) throw new Error('jobs still running');
          return all;
        },
        { withinMs: 20_000 },
      ),
    newest: async (kind) => (await jobs.list(Date.now())).find((job) => job.kind === kind),
    async close() {
      await runner.stop();
      await emulator.close();
    },
  };
}

/** What a worker's list should be, judged independently on the emulator's own data. */
export function expectedEligibility(emulator: Emulator, attributes: unknown): string[] {
  return emulator.workspace
    .list()
    .filter(
      (queue) =>
        queue.targetWorkers !== null && compileExpression(queue.targetWorkers).matches(attributes),
    )
    .map((queue) => queue.taskQueueSid)
    .sort();
}

export function attributesOf(emulator: Emulator, sid: string): Record<string, unknown> {
  const worker = emulator.workspace.workers.get(sid);
  if (worker === undefined) throw new Error(`no worker ${sid}`);
  return JSON.parse(worker.attributes) as Record<string, unknown>;
}
