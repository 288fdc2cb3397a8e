import { hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.js';
import { createAppServer } from './http/app-server.js';
import { systemClock } from './clock.js';
import type { Config } from './config.js';
import { demoSecretPath, loadOrCreateDemoSecret } from './demo/demo-secrets.js';
import { startDemoOutbound } from './demo/demo-outbound.js';
import { createLogger, type Logger } from './logger.js';
import { buildSignedRequest, formatCurl } from './twilio-webhook/signed-request.js';
import { openBackend } from './runtime/backend.js';
import { startStatsPolling } from './runtime/stats-polling.js';
import { runEligibility } from './runtime/eligibility.js';
import { openTaskRouterEvents } from './runtime/taskrouter-events.js';
import { openTwilioAccess } from './runtime/twilio-access.js';
import { startOutboundDialing } from './runtime/outbound-dialing.js';
import { startCallbackDialing } from './runtime/callback-dialing-start.js';
import { startEventStreamsSink } from './runtime/event-streams-sink-start.js';
import { loadConfigOrExit } from './startup.js';
import { createMetadataCache } from './metadata/metadata-cache.js';
import { addEstimationMetrics } from './runtime/estimation-metrics.js';
import { addCampaignMetrics } from './runtime/campaign-metrics.js';
import { createMetrics } from './metrics/registry.js';
import { createMetricsApp, metricsExposure } from './http/metrics-route.js';
import { runMain, stopOnSignals } from './runtime/process-lifecycle.js';
import { startSurveySending } from './runtime/survey-sending.js';
import { addSurveyMetrics } from './runtime/survey-metrics.js';
import { createSatisfactionCache } from './survey/satisfaction-cache.js';

/** How often each queue's satisfaction figures are read again from the survey store. */
const SATISFACTION_REFRESH_MS = 60_000;

async function main(): Promise<void> {
  const config = loadConfigOrExit(process.env);
  const logger = createLogger({ level: config.logLevel });
  const metrics = createMetrics();
  const authToken =
    config.twilio.authToken ?? (await loadOrCreateDemoSecret(config.dataDir, 'demo-auth-token'));
  const apiToken =
    config.apiToken ??
    (config.mode === 'demo'
      ? await loadOrCreateDemoSecret(config.dataDir, 'demo-api-token')
      : undefined);
  const adminToken =
    config.adminToken ??
    (config.mode === 'demo'
      ? await loadOrCreateDemoSecret(config.dataDir, 'demo-admin-token')
      : undefined);
  const backend = await openBackend(config, { logger, metrics, role: 'web' });
  // The call path reads queue metadata from memory; a store that is down leaves the defaults.
  const metadata = createMetadataCache({ store: backend.metadata, logger });
  await metadata.refresh();
  metadata.start();
  // Embedded mode polls in this process; with REDIS_URL the worker process does (Procfile).
  const access = backend.pollsInWebProcess
    ? await openTwilioAccess({
        config,
        logger,
        demoAuthToken: authToken,
        ...(apiToken === undefined ? {} : { demoApiToken: apiToken }),
      })
    : undefined;
  // Queue events: in this process (embedded), or shared by every web process through Redis.
  const estimation = await backend.openWaitEstimation({ logger, clock: systemClock });
  addCampaignMetrics(metrics, { campaigns: backend.campaigns, logger, clock: systemClock });
  addEstimationMetrics(metrics, {
    clock: systemClock,
    queues: config.queues,
    accuracy: estimation.accuracy,
    outboxStatus: () => estimation.outboxStatus(),
  });
  const sizes =
    access === undefined
      ? undefined
      : backend.snapshotSizes({ clock: systemClock, logger, estimation });
  const polling =
    access === undefined
      ? undefined
      : startStatsPolling({
          config,
          logger,
          clock: systemClock,
          backend,
          access,
          ...(sizes === undefined ? {} : { onSnapshot: sizes.onSnapshot }),
          metrics,
        });
  // A queue created or deleted asks the poller for a cycle now: here when this process polls.
  const refreshRequests =
    polling === undefined ? undefined : backend.refreshRequests.listen(() => polling.refreshSoon());
  // Worker eligibility: every web process takes events; jobs run here when this process polls.
  const eligibility = await runEligibility({
    config,
    logger,
    clock: systemClock,
    backend,
    access,
    metrics,
  });
  // Campaigns are dialed where Twilio is polled: here (embedded), or by the workers (Redis).
  const dialing =
    access === undefined
      ? undefined
      : startOutboundDialing({
          config,
          logger,
          clock: systemClock,
          backend,
          access,
          consumer: `web-${hostname()}-${process.pid}`,
          metrics,
        });
  const callbackDialing =
    access === undefined
      ? undefined
      : startCallbackDialing({ config, logger, clock: systemClock, backend });
  if (access !== undefined) void startEventStreamsSink({ config, logger, backend, access });
  // Surveys are texted where Twilio is reached: here (embedded), or by the workers (Redis).
  const surveySender =
    access === undefined
      ? undefined
      : startSurveySending({
          config,
          logger,
          clock: systemClock,
          store: backend.surveys,
          metadata,
          access,
          metrics,
        });
  const satisfaction = createSatisfactionCache({
    store: backend.surveys,
    clock: systemClock,
    logger,
    queues: config.queues,
  });
  await satisfaction.refresh();
  satisfaction.start(SATISFACTION_REFRESH_MS);
  addSurveyMetrics(metrics, satisfaction);
  const taskRouterEvents = openTaskRouterEvents({
    backend,
    ...(eligibility === undefined ? {} : { eligibility: eligibility.listener }),
  });
  const app = createApp({
    config,
    logger,
    clock: systemClock,
    stats: backend.stats,
    events: estimation.events,
    estimator: estimation.estimator,
    activity: estimation.activity,
    accuracy: estimation.accuracy,
    authToken,
    apiToken,
    adminToken,
    metadataStore: backend.metadata,
    metadata,
    jobs: backend.jobs,
    taskRouterEvents,
    metrics,
    callbacks: backend.callbacks,
    voicemails: backend.voicemails,
    outbound: {
      campaigns: backend.campaigns,
      control: backend.control,
      repPresence: backend.repPresence,
      optOuts: backend.optOuts,
      eventStreamsInbox: backend.eventStreamsInbox,
    },
    survey: { store: backend.surveys, satisfaction },
  });
  const exposure = metricsExposure(config, apiToken);
  const metricsServer =
    exposure.where === 'port'
      ? createMetricsApp(
          { metrics, jobs: backend.jobs, clock: systemClock, logger },
          exposure.token,
        ).listen(exposure.port, () => logger.info({ port: exposure.port }, 'metrics listening'))
      : undefined;

  let demoOutbound: Promise<{ stop(): void }> | undefined;
  const server = createAppServer(app).listen(config.port, () => {
    const { port } = server.address() as AddressInfo;
    logger.info(
      { port, mode: config.mode, queues: config.queues, publicBaseUrl: config.publicBaseUrl },
      'holdline listening',
    );
    if (config.mode === 'demo') {
      printDemoHelp(config, { authToken, apiToken, adminToken }, logger);
    }
    const phones = access?.demoPhones;
    if (phones !== undefined && apiToken !== undefined) {
      demoOutbound = startDemoOutbound({ config, logger, phones, apiToken });
    }
  });
  // Twilio gives a webhook 15 s; a connection idle longer than that is not Twilio's.
  server.keepAliveTimeout = 65_000;

  stopOnSignals({
    logger,
    stop: async (signal) => {
      logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
      (await demoOutbound)?.stop();
      metricsServer?.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
      metadata.stop();
      refreshRequests?.close();
      await eligibility?.stop();
      await callbackDialing?.stop();
      await dialing?.stop();
      await surveySender?.stop();
      satisfaction.stop();
      await polling?.stop();
      await sizes?.close();
      await access?.close();
      await estimation.close();
      await backend.close();
      logger.info('stopped');
    },
  });
}

/** The token is a local, invented one; printing it is the point of demo mode. */
function printDemoHelp(
  config: Config,
  {
    authToken,
    apiToken,
    adminToken,
  }: { authToken: string; apiToken: string | undefined; adminToken: string | undefined },
  logger: Logger,
): void {
  const request = buildSignedRequest({
    authToken,
    method: 'POST',
    url: `${config.publicBaseUrl}/voice/incoming`,
    params: {
      CallSid: 'CA00000000000000000000000000000001',
      From: '+15550100001',
      To: '+15550100000',
    },
  });
  logger.info(
    { tokenFile: demoSecretPath(config.dataDir, 'demo-auth-token') },
    'demo mode: webhooks are signed with the demo auth token in this file',
  );
  process.stdout.write(
    `\nDemo mode. Demo auth token: ${authToken}\nTry a caller (or: npm run simulate -- caller):\n\n${formatCurl(request)}\n\n` +
      (apiToken === undefined
        ? ''
        : `Queue stats (demo API token ${apiToken}):\n\ncurl -H 'Authorization: Bearer ${apiToken}' ${config.publicBaseUrl}/api/queues\n\n`) +
      (adminToken === undefined
        ? ''
        : `Admin page: ${config.publicBaseUrl}/admin (demo admin token ${adminToken})\n\n`),
  );
}

runMain('holdline', main);
