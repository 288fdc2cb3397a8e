import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { SOLE_OWNER } from '../dialer/queue-service.js';
import { createLogger } from '../logger.js';
import { MemoryControlLog } from '../outbound/control-log.js';
import { EmbeddedCampaignStore } from '../outbound/embedded-campaign-store.js';
import { EmbeddedOptOutList } from '../outbound/embedded-opt-out-list.js';
import { EmbeddedAbandonedNumbers } from '../outbound/embedded-abandoned-numbers.js';
import { AbandonmentRecordingStore } from '../outbound/abandonment-recording-store.js';
import { MemoryRepPresence } from '../reps/rep-presence.js';
import { startOutboundDialing } from '../runtime/outbound-dialing.js';
import { createMemoryPaces } from '../twilio-rest/rate-limiter.js';
import { startCampaignWebApp } from './campaign-web-app.js';
import { DIALER_READY, dialerSettingsFromEnv } from './dialer-settings.js';
import { restAccess } from './rest-access.js';

/**
 * Embedded mode's outbound side in one process, as the server runs it: the campaign store
 * journaled under DATA_DIR, the control stream in memory, the web app on PORT taking status
 * callbacks and campaign commands (/api, with API_TOKEN), and the dialing. What the embedded
 * crash test kills with SIGKILL and starts again on the same DATA_DIR. Everything comes from the
 * environment (the app's variables, the DIALER_* ones in dialer-settings.ts, and
 * DIALER_COMPACT_ABOVE_BYTES to compact the journal while running sooner); it says
 * DIALER_READY on stdout once it listens, and stops on SIGTERM.
 */
async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const settings = dialerSettingsFromEnv(process.env);
  const logger = createLogger({ level: config.logLevel });
  const compactAbove = process.env.DIALER_COMPACT_ABOVE_BYTES;
  const abandoned = EmbeddedAbandonedNumbers.inMemory();
  const campaigns = new AbandonmentRecordingStore(
    await EmbeddedCampaignStore.open(
      config.dataDir,
      compactAbove === undefined ? {} : { compactAboveBytes: Number(compactAbove) },
    ),
    abandoned,
    logger,
  );
  const control = new MemoryControlLog();
  const queue = config.queues[0]!;
  const repPresence = new MemoryRepPresence();
  for (let rep = 1; rep <= settings.repsFree; rep += 1) {
    await repPresence.park(`CArep${rep}`, queue, Date.now() + 24 * 3_600_000);
  }
  const web = await startCampaignWebApp({
    port: config.port,
    authToken: config.twilio.authToken ?? '',
    queues: config.queues,
    campaigns,
    control,
    ...(config.apiToken === undefined ? {} : { apiToken: config.apiToken }),
  });
  const service = startOutboundDialing({
    config,
    logger,
    clock: systemClock,
    backend: {
      campaigns,
      control,
      campaignOwnership: SOLE_OWNER,
      paces: createMemoryPaces(),
      repPresence,
      optOuts: EmbeddedOptOutList.inMemory(),
      abandoned,
    },
    access: restAccess(config.twilio),
    consumer: settings.consumer,
    settings: settings.runner,
    service: settings.service,
  });
  process.stdout.write(`${DIALER_READY}\n`);
  process.once('SIGTERM', () => {
    void service
      .stop()
      .then(() => web.stop())
      .then(() => campaigns.close())
      .finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`embedded dialing process failed: ${String(error)}\n`);
  process.exit(1);
});
