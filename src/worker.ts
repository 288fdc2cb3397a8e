import { hostname } from 'node:os';
import { systemClock } from './clock.js';
import { loadOrCreateDemoSecret } from './demo/demo-secrets.js';
import { createLogger } from './logger.js';
import { openBackend, pollsInWebProcess } from './runtime/backend.js';
import { startStatsPolling } from './runtime/stats-polling.js';
import { runEligibility } from './runtime/eligibility.js';
import { openTwilioAccess } from './runtime/twilio-access.js';
import { startOutboundDialing } from './runtime/outbound-dialing.js';
import { startCallbackDialing } from './runtime/callback-dialing-start.js';
import { startEventStreamsSink } from './runtime/event-streams-sink-start.js';
import { loadConfigOrExit } from './startup.js';
import { createMetrics } from './metrics/registry.js';
import { createMetricsApp } from './http/metrics-route.js';
import { runMain, stopOnSignals } from './runtime/process-lifecycle.js';
import { startSurveySending } from './runtime/survey-sending.js';
import { createMetadataCache } from './metadata/metadata-cache.js';

/**
 * The Procfile's `worker` process, for the many-process deployment (REDIS_URL): it polls
 * Twilio into the shared cache while `web` processes stay stateless. Run as many as you like:
 * a Redis lock lets exactly one poll, and another takes over within the lock's ttl when it dies.
 * Its snapshot writes are fenced by that lock, so a worker that stalled past its term cannot
 * overwrite its successor's data.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit(process.env);
  const logger = createLogger({ level: config.logLevel });
  const metrics = createMetrics();
  if (pollsInWebProcess(config)) {
    logger.error(
      'REDIS_URL: required by the worker process (without it, the web process polls by itself and no worker is needed)',
    );
    process.exit(2);
  }
  const backend = await openBackend(config, { logger, metrics, role: 'worker' });
  const demoAuthToken =
    config.twilio.authToken ?? (await loadOrCreateDemoSecret(config.dataDir, 'demo-auth-token'));
  // The web processes invent the demo API token in the same DATA_DIR; the worker shares it.
  const demoApiToken =
    config.apiToken ??
    (config.mode === 'demo'
      ? await loadOrCreateDemoSecret(config.dataDir, 'demo-api-token')
      : undefined);
  const access = await openTwilioAccess({
    config,
    logger,
    demoAuthToken,
    ...(demoApiToken === undefined ? {} : { demoApiToken }),
  });
  // Twilio's queue sizes keep every web process's caller count honest.
  const sizes = backend.snapshotSizes({ clock: systemClock, logger });
  const polling = startStatsPolling({
    config,
    logger,
    clock: systemClock,
    backend,
    access,
    onSnapshot: sizes.onSnapshot,
    metrics,
  });
  // Every worker runs eligibility's jobs: any of them picks a batch up, one runs each.
  const eligibility = await runEligibility({
    config,
    logger,
    clock: systemClock,
    backend,
    access,
    metrics,
  });
  // Every worker follows the campaigns' control stream; each running campaign is leased to one.
  const dialing = startOutboundDialing({
    config,
    logger,
    clock: systemClock,
    backend,
    access,
    consumer: `worker-${hostname()}-${process.pid}`,
    metrics,
  });
  const callbackDialing = startCallbackDialing({ config, logger, clock: systemClock, backend });
  void startEventStreamsSink({ config, logger, backend, access });
  // Every worker sends due surveys; each is claimed by one. The queues' survey settings are
  // read from a metadata cache of its own.
  const metadata = createMetadataCache({ store: backend.metadata, logger });
  await metadata.refresh();
  metadata.start();
  const surveySender = startSurveySending({
    config,
    logger,
    clock: systemClock,
    store: backend.surveys,
    metadata,
    access,
    metrics,
  });
  // The worker has no other listener: its metrics are served only on METRICS_PORT.
  const metricsServer =
    config.metrics.port === undefined
      ? undefined
      : createMetricsApp(
          { metrics, jobs: backend.jobs, clock: systemClock, logger },
          config.metrics.token,
        ).listen(config.metrics.port, () =>
          logger.info({ port: config.metrics.port }, 'metrics listening'),
        );
  // Web processes that hear of a queue created or deleted ask for a cycle now.
  const refreshRequests = backend.refreshRequests.listen(() => polling.refreshSoon());
  logger.info({ mode: config.mode }, 'worker started: competing for the stats poller lock');

  stopOnSignals({
    logger,
    stop: async (signal) => {
      logger.info({ signal }, 'worker stopping: ending the cycle in flight, releasing the lock');
      metricsServer?.close();
      refreshRequests.close();
      await eligibility?.stop();
      await callbackDialing.stop();
      await dialing.stop();
      await surveySender?.stop();
      metadata.stop();
      await polling.stop();
      await sizes.close();
      await access.close();
      await backend.close();
      logger.info('worker stopped');
    },
  });
}

runMain('holdline worker', main);
