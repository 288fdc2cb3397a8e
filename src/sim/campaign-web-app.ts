import { createApp } from '../app.js';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { createAppServer } from '../http/app-server.js';
import { createMemoryJobStore } from '../jobs/memory-job-store.js';
import { createLogger } from '../logger.js';
import { createMetadataCache } from '../metadata/metadata-cache.js';
import { createMemoryMetadataStore } from '../metadata/memory-metadata-store.js';
import { createMetrics } from '../metrics/registry.js';
import type { CampaignStore } from '../outbound/campaign-store.js';
import type { ControlLog } from '../outbound/control-log.js';
import { EmbeddedOptOutList } from '../outbound/embedded-opt-out-list.js';
import { MemoryRepPresence, type RepPresence } from '../reps/rep-presence.js';
import { createWaitEstimation } from '../runtime/wait-estimation.js';
import { createMemoryStatsStore } from '../stats/memory-stats-store.js';
import { createMemoryEventInbox } from '../taskrouter/event-inbox.js';

export interface CampaignWebApp {
  readonly baseUrl: string;
  stop(): Promise<void>;
}

/**
 * A web process for outbound campaigns on loopback, in real time: the app as the server builds
 * it, with the campaigns' store and control stream given (Redis-backed for the crash runs), so
 * that the emulator's signed status callbacks end the attempts another process dials (or, in
 * embedded mode, the same process: embedded-dialer-cli.ts).
 */
export async function startCampaignWebApp(options: {
  port: number;
  authToken: string;
  queues: readonly string[];
  /** Wrapped in an AbandonmentRecordingStore, as a backend's is, for abandonments to count. */
  campaigns: CampaignStore;
  control: ControlLog;
  /** Where the rep loop parks reps (shared with the dialer); absent: none park here. */
  repPresence?: RepPresence;
  /** See AppDeps.outbound.parkReps. */
  parkReps?: boolean;
  /** The /api bearer token (campaign commands over HTTP); undefined: no /api. */
  apiToken?: string;
}): Promise<CampaignWebApp> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const config = loadConfig({ PUBLIC_BASE_URL: baseUrl, QUEUES: options.queues.join(',') });
  const estimation = createWaitEstimation({ config, clock: systemClock });
  const logger = createLogger({ level: 'warn' });
  const metadataStore = createMemoryMetadataStore();
  const app = createApp({
    config,
    logger,
    clock: systemClock,
    stats: createMemoryStatsStore(),
    events: estimation.events,
    estimator: estimation.estimator,
    activity: estimation.activity,
    accuracy: estimation.accuracy,
    authToken: options.authToken,
    apiToken: options.apiToken,
    adminToken: undefined,
    metadataStore,
    metadata: createMetadataCache({ store: metadataStore, logger }),
    jobs: createMemoryJobStore(),
    taskRouterEvents: { inbox: createMemoryEventInbox(), listener: () => undefined },
    metrics: createMetrics({ processMetrics: false }),
    // No opt-out keypresses in these runs: this process's own list, empty.
    outbound: {
      campaigns: options.campaigns,
      control: options.control,
      repPresence: options.repPresence ?? new MemoryRepPresence(),
      optOuts: EmbeddedOptOutList.inMemory(),
      ...(options.parkReps === undefined ? {} : { parkReps: options.parkReps }),
    },
  });
  const server = createAppServer(app);
  await new Promise<void>((resolve) => server.listen(options.port, '127.0.0.1', resolve));
  return {
    baseUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
