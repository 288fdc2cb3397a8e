import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { FileCallbackStore } from '../../src/callbacks/file-callback-store.js';
import { loadConfig } from '../../src/config.js';
import { SOLE_OWNER, type QueueService } from '../../src/dialer/queue-service.js';
import { startEmulator, type Emulator, type EmulatorVoice } from '../../src/emulator/emulator.js';
import { openFileMetadataStore } from '../../src/metadata/file-metadata-store.js';
import { defaultQueueMetadata } from '../../src/metadata/queue-metadata.js';
import { MemoryControlLog } from '../../src/outbound/control-log.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { MemoryRepPresence } from '../../src/reps/rep-presence.js';
import { createCallbackLook } from '../../src/runtime/callback-dialing-start.js';
import { startOutboundDialing } from '../../src/runtime/outbound-dialing.js';
import { restAccess } from '../../src/sim/rest-access.js';
import { createMemoryStatsStore } from '../../src/stats/memory-stats-store.js';
import type { StatsStore } from '../../src/stats/stats-store.js';
import { createMemoryPaces } from '../../src/twilio-rest/rate-limiter.js';
import { EmbeddedOptOutList } from '../../src/outbound/embedded-opt-out-list.js';
import { EmbeddedAbandonedNumbers } from '../../src/outbound/embedded-abandoned-numbers.js';
import { captureLogger } from './capture-logger.js';
import { EMULATOR_ACCOUNT_SID } from './emulator-sdk.js';
import { createManualScheduler } from './manual-scheduler.js';
import { AUTH_TOKEN, NOW, buildTestApp } from './test-app.js';

export const QUEUE = 'customers';
export const CALLBACK_CALLER_ID = '+15005550006';
/** How often the stats poller reads Twilio (QUEUE_STATS_REFRESH_SECONDS' default), the look runs. */
const POLL_EVERY_MS = 15_000;
const LOOK_EVERY_MS = 2_000;

/**
 * The embedded process on loopback as Twilio drives it, on the emulator's manual clock: the app
 * (webhooks, API) with a callback store journaled in `dataDir`, the queue service dialing
 * through the SDK into the emulator, which plays every TwiML answer, and the callback dialing's
 * own look every 2 s of that clock. The stats are what Twilio would report of the queue as the
 * emulator plays it (who is in it, the oldest's age), read every 15 s, as the poller reads them.
 * `restart()` stops the process and opens it again from `dataDir`; the calls go on.
 */
export async function startCallbackJourney(dataDir: string) {
  const scheduler = createManualScheduler(NOW);
  const clock = { now: () => scheduler.now() };
  const target: { app?: Express } = {};
  const server: Server = createServer((req, res) => {
    target.app?.(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const emulator: Emulator = await startEmulator({
    accountSid: EMULATOR_ACCOUNT_SID,
    authToken: AUTH_TOKEN,
    workspace: { queueNames: [QUEUE], seed: 1 },
    calls: { scheduler, playTwiml: true },
  });
  const voice = emulator.voice as EmulatorVoice;
  const env = {
    PUBLIC_BASE_URL: baseUrl,
    QUEUES: QUEUE,
    CALLBACK_CALLER_ID,
    // Every turn may announce the estimate: the first wait turn makes the offer.
    ANNOUNCE_ESTIMATE_MIN_INTERVAL_SECONDS: '0',
  };
  const config = loadConfig(env);

  /** What Twilio would report of the queue now: its callers, and the oldest one's age. */
  const poll = (stats: StatsStore) => {
    const now = scheduler.now();
    const waiting = voice
      .visits()
      .filter((v) => v.queue === QUEUE && v.takenAt === undefined && v.leftAt === undefined);
    const oldest = Math.min(now, ...waiting.map((v) => v.joinedAt));
    return stats.writeSnapshot({
      fetchedAt: now,
      queues: [
        {
          name: QUEUE,
          fetchedAt: now,
          waitingCallers: waiting.length,
          longestWaitSeconds: Math.floor((now - oldest) / 1000),
          // One caller a minute served: the estimate is above the offer's threshold.
          servedInWindow: 30,
          windowSeconds: 1800,
        },
      ],
    });
  };

  /**
   * One life of the process: its callbacks, campaigns and queue settings are reopened from
   * `dataDir`; stats, the control stream and rep presence start empty, as the embedded process's
   * do (opt-outs and abandoned numbers, kept on disk there, play no part here).
   */
  const open = async () => {
    const { logger } = captureLogger('info');
    const stats = createMemoryStatsStore();
    const callbacks = await FileCallbackStore.open(dataDir);
    const campaigns = await EmbeddedCampaignStore.open(dataDir);
    const metadataStore = await openFileMetadataStore({ dir: dataDir, logger });
    // As the stats poller does at start: the configured queues are in the store.
    await metadataStore.reconcile([QUEUE], defaultQueueMetadata);
    const control = new MemoryControlLog();
    const repPresence = new MemoryRepPresence();
    const optOuts = EmbeddedOptOutList.inMemory();
    const app = buildTestApp({
      env,
      clock,
      stats,
      callbacks,
      metadataStore,
      outbound: { campaigns, control, repPresence, optOuts },
    });
    await app.metadata.refresh();
    const dialing: QueueService = startOutboundDialing({
      config,
      logger,
      clock,
      backend: {
        campaigns,
        control,
        campaignOwnership: SOLE_OWNER,
        paces: createMemoryPaces(),
        repPresence,
        optOuts,
        abandoned: EmbeddedAbandonedNumbers.inMemory(),
      },
      access: restAccess({
        accountSid: EMULATOR_ACCOUNT_SID,
        authToken: AUTH_TOKEN,
        apiBaseUrl: emulator.baseUrl,
      }),
      consumer: 'test',
      settings: { tickMs: 20 },
      service: { adoptEveryMs: 50 },
    });
    const look = createCallbackLook({
      config,
      logger,
      clock,
      backend: { callbacks, campaigns, control, stats, metadata: metadataStore },
    });
    if (look === undefined) throw new Error('CALLBACK_CALLER_ID is set');
    target.app = app.app;
    return {
      app,
      callbacks,
      look,
      poll: () => poll(stats),
      async stop() {
        await dialing.stop();
        await callbacks.close();
        await campaigns.close();
      },
    };
  };

  let life = await open();
  const first = await life.app.apiPut(
    `/api/queues/${QUEUE}/metadata`,
    { ...defaultQueueMetadata(QUEUE), callbackOfferSeconds: 10, callbackMaxAttempts: 1 },
    '"1"',
  );
  if (first.status !== 200) throw new Error(`metadata: ${first.status}`);

  /** Moves the clock in 100 ms steps, the calls playing, the poller and the looks on time. */
  const advance = async (ms: number) => {
    for (let done = 0; done < ms; done += 100) {
      scheduler.advance(Math.min(100, ms - done));
      await emulator.calls.settled();
      const at = scheduler.now() - NOW;
      if (at % POLL_EVERY_MS === 0) await life.poll();
      if (at % LOOK_EVERY_MS === 0) await life.look();
    }
  };

  return {
    scheduler,
    emulator,
    voice,
    baseUrl,
    advance,
    /** The current process's app (its API), callback store and look. */
    get life() {
      return life;
    },
    /** The process stops and starts again from its DATA_DIR; Twilio's calls go on meanwhile. */
    async restart() {
      await life.stop();
      life = await open();
    },
    async close() {
      await life.stop();
      await emulator.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
