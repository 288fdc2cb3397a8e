import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { createSdkCallPlacer } from '../dialer/call-placer.js';
import { CampaignRunner, type RunnerSettings } from '../dialer/campaign-runner.js';
import { createContactScreen } from '../dialer/contact-screening.js';
import { outboundUrls } from '../dialer/outbound-urls.js';
import { QueueService } from '../dialer/queue-service.js';
import { findAttemptCall } from '../dialer/find-attempt-call.js';
import { createStudioPlacer } from '../dialer/studio-placer.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/registry.js';
import { AttemptEvents } from '../outbound/attempt-events.js';
import type { DialVia } from '../outbound/campaign.js';
import { twilioClientFor } from './twilio-client.js';
import type { Backend } from './backend.js';
import type { TwilioAccess } from './twilio-access.js';

/** The account-wide pace every process's campaigns share. */
export const OUTBOUND_CALLS_PACE = 'outbound-calls';

const RUNNER_SETTINGS: RunnerSettings = {
  tickMs: 1_000,
  throttledMinMs: 1_000,
  throttledMaxMs: 30_000,
  // Longer than a create may take (the REST timeout and Twilio's own processing).
  graceMs: 30_000,
  // A live call unheard of for this long is looked up (its callbacks may have been lost).
  liveLimitMs: 15 * 60_000,
};

/**
 * The queue service, in the process that talks to Twilio (embedded: the web process; Redis:
 * the workers, each campaign leased to one): follows the control stream and dials.
 */
export function startOutboundDialing(options: {
  config: Config;
  logger: Logger;
  clock: Clock;
  backend: Pick<
    Backend,
    | 'campaigns'
    | 'control'
    | 'campaignOwnership'
    | 'paces'
    | 'repPresence'
    | 'optOuts'
    | 'abandoned'
  >;
  access: TwilioAccess;
  /** This process's name in the control stream's consumer group. */
  consumer: string;
  metrics?: Metrics;
  /** Shorter periods for tests. */
  settings?: Partial<RunnerSettings>;
  /** The queue service's periods (tests and benchmarks shorten them). */
  service?: { adoptEveryMs?: number; claimAfterMs?: number };
}): QueueService {
  const { config, logger, clock, backend } = options;
  const logs = logger.child({ component: 'outbound' });
  const client = (retryLimit: number) =>
    twilioClientFor(options.access, config, {
      logger: logs,
      retryLimit,
      maxRetryAfterMs: RUNNER_SETTINGS.throttledMaxMs,
      // The creates have their own account-wide pace (callPace); this one must not be slower.
      maxRequestsPerSecond: Math.max(
        config.twilio.maxRequestsPerSecond,
        config.outbound.callsPerSecond,
      ),
      metrics: options.metrics,
    });
  const clients = { creates: client(0), reads: client(config.twilio.retry.retryLimit) };
  const placer = createSdkCallPlacer(clients);
  // Each campaign dials its own way; the calls themselves are ended and fetched alike.
  const placerFor = (via: DialVia) =>
    via.kind === 'studio'
      ? createStudioPlacer({ ...clients, flowSid: via.flowSid, calls: placer })
      : placer;
  const events = new AttemptEvents(backend.campaigns, logs);
  const callPace = backend.paces.limiter({
    name: OUTBOUND_CALLS_PACE,
    perSecond: config.outbound.callsPerSecond,
    burst: 1,
  });
  const screen = createContactScreen({ optOuts: backend.optOuts, abandoned: backend.abandoned });
  const urls = outboundUrls(config.publicBaseUrl);
  const runnerSettings = { ...RUNNER_SETTINGS, ...options.settings };
  const service = new QueueService({
    store: backend.campaigns,
    control: backend.control,
    ownership: backend.campaignOwnership,
    placer,
    findCall: (campaign, attempt) =>
      findAttemptCall(
        {
          store: backend.campaigns,
          placer: placerFor(campaign.settings.dialVia),
          urls,
          clock,
          logger: logs,
        },
        campaign,
        attempt,
        runnerSettings,
      ),
    consumer: options.consumer,
    clock,
    logger: logs,
    adoptEveryMs: options.service?.adoptEveryMs ?? 2_000,
    claimAfterMs: options.service?.claimAfterMs ?? 30_000,
    runner: (campaign) =>
      new CampaignRunner(
        {
          store: backend.campaigns,
          reps: backend.repPresence,
          placer: placerFor(campaign.settings.dialVia),
          urls,
          events,
          callPace,
          screen,
          clock,
          logger: logs,
          settings: runnerSettings,
        },
        campaign,
      ),
  });
  service.start();
  return service;
}
