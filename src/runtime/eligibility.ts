import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { createEligibility, type Eligibility } from '../eligibility/eligibility-service.js';
import { createWorkspaceWorkers } from '../eligibility/workspace-workers.js';
import { createJobRunner } from '../jobs/job-runner.js';
import type { JobStore } from '../jobs/job-store.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/registry.js';
import type { Pace, Paces } from '../twilio-rest/rate-limiter.js';
import { twilioClientFor } from './twilio-client.js';
import type { TaskRouterEventListener } from '../taskrouter/events-route.js';
import type { Backend } from './backend.js';
import type { TwilioAccess } from './twilio-access.js';

/** Workers judged at once per batch, and batches held at once (see JobRunnerOptions). */
const ITEM_CONCURRENCY = 16;
const BATCHES_AT_ONCE = 2;
/** A runner that dies leaves its batch to another after this long. */
const LEASE_MS = 30_000;
/** How soon a new job (an event's) is picked up by an idle runner. */
const IDLE_MS = 500;
/**
 * Retries per REST call of a job: at least this many. Nobody waits on a background item, and one
 * given up leaves a worker's list wrong until the next sync; with 10% of requests failing, 3
 * retries give up on about 1 call in 10,000 (a full sync of 5,100 workers makes ~10,200).
 */
const JOB_RETRY_LIMIT = 8;
/**
 * TaskRouter counts a Workspace's reads and writes apart. Burst 1: TaskRouter's limits are per
 * second, and a sync's first second would otherwise spend a burst on top of the rate.
 */
const ELIGIBILITY_PACES = {
  reads: 'taskrouter-worker-reads',
  writes: 'taskrouter-worker-writes',
} as const;
/** How often a runner process asks whether a full sync is due. */
const SYNC_CHECK_MS = 60_000;

/**
 * Worker eligibility in this process, as the config asks (undefined: off): the listener every
 * web process hands TaskRouter events to, and the jobs, run where TaskRouter is reached from
 * (`access`: the server when embedded, each worker process with REDIS_URL).
 */
export async function runEligibility(options: {
  config: Config;
  logger: Logger;
  clock: Clock;
  backend: Backend;
  access: TwilioAccess | undefined;
  metrics?: Metrics;
}): Promise<{ listener: TaskRouterEventListener; stop(): Promise<void> } | undefined> {
  const { backend, access } = options;
  const opened = await openEligibility({ ...options, jobs: backend.jobs });
  if (opened === undefined) return undefined;
  const jobs =
    access === undefined
      ? undefined
      : startEligibilityJobs({
          ...options,
          jobs: backend.jobs,
          paces: backend.paces,
          eligibility: opened.eligibility,
          access,
        });
  return {
    listener: opened.eligibility.listener,
    async stop() {
      await jobs?.stop();
      await opened.close();
    },
  };
}

/**
 * Eligibility as the config asks: off (undefined), or its cache (the backend's: a file under
 * DATA_DIR when embedded, Redis when shared) and the service every process hands TaskRouter
 * events to.
 */
async function openEligibility(options: {
  config: Config;
  logger: Logger;
  clock: Clock;
  backend: Pick<Backend, 'openEligibilityCache'>;
  jobs: JobStore;
}): Promise<{ eligibility: Eligibility; close(): Promise<void> } | undefined> {
  const { config, logger } = options;
  if (config.eligibility === undefined) return undefined;
  const { cache, close } = await options.backend.openEligibilityCache();
  return {
    eligibility: createEligibility({
      cache,
      jobs: options.jobs,
      clock: options.clock,
      logger: logger.child({ component: 'eligibility' }),
      attributeKey: config.eligibility.attributeKey,
    }),
    close,
  };
}

/**
 * Runs eligibility's jobs in a process that can reach TaskRouter (the embedded server, or each
 * Redis-mode worker: any of them picks a batch up), and starts a full sync when one is due.
 * Reads and writes are paced apart, each to its configured limit for the whole deployment: in
 * Redis mode every worker process takes from the same two budgets (see Paces).
 */
function startEligibilityJobs(options: {
  config: Config;
  logger: Logger;
  clock: Clock;
  jobs: JobStore;
  paces: Paces;
  eligibility: Eligibility;
  access: TwilioAccess;
  metrics?: Metrics;
}): { stop(): Promise<void> } {
  const { config, logger, access } = options;
  const settings = config.eligibility;
  if (settings === undefined || access.workspaceSid === undefined) {
    if (settings !== undefined) {
      logger.warn(
        'ELIGIBLE_QUEUES_ATTRIBUTE is set but TWILIO_FLEX_WORKSPACE_SID is not: no eligibility jobs',
      );
    }
    return { stop: () => Promise.resolve() };
  }
  const client = (pace: Pace) =>
    twilioClientFor(access, config, {
      logger,
      retryLimit: Math.max(config.twilio.retry.retryLimit, JOB_RETRY_LIMIT),
      maxRetryAfterMs: LEASE_MS / 2,
      maxRequestsPerSecond: pace.perSecond,
      pace: options.paces.limiter(pace),
      metrics: options.metrics,
    });
  const runner = createJobRunner({
    store: options.jobs,
    handlers: options.eligibility.handlers(
      createWorkspaceWorkers({
        reads: client({
          name: ELIGIBILITY_PACES.reads,
          perSecond: settings.readsPerSecond,
          burst: 1,
        }),
        writes: client({
          name: ELIGIBILITY_PACES.writes,
          perSecond: settings.writesPerSecond,
          burst: 1,
        }),
        workspaceSid: access.workspaceSid,
      }),
    ),
    owner: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    clock: options.clock,
    logger: logger.child({ component: 'jobs' }),
    itemConcurrency: ITEM_CONCURRENCY,
    batchesAtOnce: BATCHES_AT_ONCE,
    leaseMs: LEASE_MS,
    idleMs: IDLE_MS,
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
  });
  runner.start();
  const checkSync = () => {
    options.eligibility.syncIfDue(settings.resyncHours * 3600_000).then(
      (started) => {
        if (started) logger.info('eligibility: a full sync is due; started it');
      },
      (error: unknown) => logger.warn({ err: error }, 'eligibility: cannot tell if a sync is due'),
    );
  };
  checkSync();
  const timer = setInterval(checkSync, SYNC_CHECK_MS);
  return {
    async stop() {
      clearInterval(timer);
      await runner.stop();
    },
  };
}
