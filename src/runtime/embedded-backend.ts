import { createLocalSinkLock } from '../dialer/sink-lock.js';
import type { Config } from '../config.js';
import { openFileEligibilityCache } from '../eligibility/file-eligibility-cache.js';
import { openFileJobStore } from '../jobs/file-job-store.js';
import { openFileMetadataStore } from '../metadata/file-metadata-store.js';
import { createMemoryStatsStore } from '../stats/memory-stats-store.js';
import { createMemoryEventInbox } from '../taskrouter/event-inbox.js';
import { createMemoryPaces } from '../twilio-rest/rate-limiter.js';
import { SOLE_OWNER } from '../dialer/queue-service.js';
import { MemoryRepPresence } from '../reps/rep-presence.js';
import { EmbeddedCampaignStore } from '../outbound/embedded-campaign-store.js';
import { MemoryControlLog } from '../outbound/control-log.js';
import { EmbeddedOptOutList } from '../outbound/embedded-opt-out-list.js';
import { EmbeddedAbandonedNumbers } from '../outbound/embedded-abandoned-numbers.js';
import { AbandonmentRecordingStore } from '../outbound/abandonment-recording-store.js';
import { FileCallbackStore } from '../callbacks/file-callback-store.js';
import { FileVoicemailStore } from '../voicemail/file-voicemail-store.js';
import { systemClock } from '../clock.js';
import { EmbeddedSurveyStore } from '../survey/embedded-survey-store.js';
import type { Backend, BackendOptions, RefreshRequests } from './backend.js';
import { applySnapshotSizes, createWaitEstimation } from './wait-estimation.js';

/**
 * One process: the stats in memory (they come back with the next poll), and what must survive a
 * restart (supervisors' metadata edits, jobs, the eligibility cache, campaigns) under DATA_DIR.
 */
export async function openEmbeddedBackend(
  config: Config,
  options: BackendOptions,
): Promise<Backend> {
  const { logger } = options;
  const abandoned = await EmbeddedAbandonedNumbers.open(config.dataDir, { clock: systemClock });
  const campaigns = new AbandonmentRecordingStore(
    await EmbeddedCampaignStore.open(config.dataDir),
    abandoned,
    logger,
  );
  const control = new MemoryControlLog();
  const optOuts = await EmbeddedOptOutList.open(config.dataDir);
  const surveys = await EmbeddedSurveyStore.open(config.dataDir, { clock: systemClock });
  const callbacks = await FileCallbackStore.open(config.dataDir);
  const voicemails = await FileVoicemailStore.open(config.dataDir);
  return {
    pollsInWebProcess: true,
    stats: createMemoryStatsStore(),
    metadata: await openFileMetadataStore({ dir: config.dataDir, logger }),
    jobs: await openFileJobStore({ dir: config.dataDir, logger }),
    paces: createMemoryPaces(),
    eventInbox: createMemoryEventInbox(),
    eventStreamsInbox: createMemoryEventInbox(),
    sinkLock: createLocalSinkLock(),
    pollerLock: undefined,
    refreshRequests: createLocalRefreshRequests(),
    campaigns,
    control,
    campaignOwnership: SOLE_OWNER,
    repPresence: new MemoryRepPresence(),
    optOuts,
    abandoned,
    surveys,
    callbacks,
    voicemails,
    async openEligibilityCache() {
      const cache = await openFileEligibilityCache({ dir: config.dataDir, logger });
      return { cache, close: () => cache.flush() };
    },
    openWaitEstimation: ({ clock }) => Promise.resolve(createWaitEstimation({ config, clock })),
    snapshotSizes: ({ estimation }) => ({
      onSnapshot: estimation === undefined ? () => undefined : applySnapshotSizes(estimation),
      close: () => Promise.resolve(),
    }),
    async close() {
      await control.close();
      await campaigns.close();
      await optOuts.close();
      await abandoned.close();
      await surveys.close();
      await callbacks.close();
      await voicemails.close();
    },
  };
}

/** The poller is in this process: a request reaches it at once. */
function createLocalRefreshRequests(): RefreshRequests {
  const listeners = new Set<() => void>();
  return {
    request() {
      for (const listener of listeners) listener();
    },
    listen(onRequest) {
      const listener = () => onRequest();
      listeners.add(listener);
      return { close: () => void listeners.delete(listener) };
    },
  };
}
