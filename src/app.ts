import express, { Router, type Express, type Request, type Response } from 'express';
import helmet from 'helmet';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { createAdminRouter } from './admin/router.js';
import { createCampaignRoutes } from './api/campaign-routes.js';
import { createQueueRoutes } from './api/queue-routes.js';
import { createApiRouter } from './api/router.js';
import { addSupervisorRoutes } from './api/supervisor-routes.js';
import type { Twilio } from 'twilio';
import { AppError, clipForMessage } from './errors.js';
import { createErrorHandler } from './http/error-handler.js';
import { createHealthRouter } from './http/health.js';
import { createRefusalLog } from './http/refusal-log.js';
import { installRequestContext } from './http/request-context.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics/registry.js';
import { createMetricsRouter, metricsExposure } from './http/metrics-route.js';
import type { MetadataCache } from './metadata/metadata-cache.js';
import type { MetadataStore } from './metadata/metadata-store.js';
import type { JobStore } from './jobs/job-store.js';
import { createMemoryEventInbox, type EventInbox } from './taskrouter/event-inbox.js';
import {
  installTaskRouterEvents,
  type TaskRouterEventListener,
} from './taskrouter/events-route.js';
import type { StatsStore } from './stats/stats-store.js';
import { installVoiceRoutes } from './voice/router.js';
import type { AnnouncementAccuracy } from './wait-time/announcement-accuracy.js';
import type { WaitEstimator } from './wait-time/estimator.js';
import type { QueueActivity } from './wait-time/queue-activity.js';
import type { QueueEventLog } from './wait-time/queue-events.js';
import { AttemptEvents } from './outbound/attempt-events.js';
import { CampaignLookup } from './outbound/campaign-lookup.js';
import type { CampaignStore } from './outbound/campaign-store.js';
import type { ControlLog } from './outbound/control-log.js';
import type { OptOutList } from './outbound/opt-out-list.js';
import { installOutboundWebhooks } from './outbound/outbound-webhooks.js';
import { createCampaignTakes } from './outbound/campaign-takes.js';
import { createRepParking } from './outbound/rep-parking.js';
import type { RepPresence } from './reps/rep-presence.js';
import { installCallStatusRoute } from './outbound/call-status-route.js';
import { installEventStreamsRoute } from './outbound/event-streams-route.js';
import type { SatisfactionCache } from './survey/satisfaction-cache.js';
import { installSmsWebhooks } from './survey/sms-webhooks.js';
import { createSurveyScheduling } from './survey/survey-scheduling.js';
import type { SurveyStore } from './survey/survey-store.js';
import type { CallbackStore } from './callbacks/callback.js';
import { withRecentHolding } from './callbacks/recent-holding.js';
import type { VoicemailStore } from './voicemail/voicemail.js';

export interface AppDeps {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly stats: StatsStore;
  readonly events: QueueEventLog;
  readonly estimator: WaitEstimator;
  /** Hears callers enter and leave queues (the learned estimator's learner, or nobody). */
  readonly activity: QueueActivity;
  /** What callers were told on entry against what they waited, per queue (the last hour). */
  readonly accuracy: Pick<AnnouncementAccuracy, 'summary' | 'recent' | 'waitingOverTime'>;
  /** The webhook signing key: TWILIO_AUTH_TOKEN, or the demo token the server invented. */
  readonly authToken: string;
  /** The /api bearer token: API_TOKEN, or the demo one; undefined = the API is off. */
  readonly apiToken: string | undefined;
  /** ADMIN_TOKEN, or the demo one; undefined = the admin page is off. */
  readonly adminToken: string | undefined;
  /** Where queue metadata is kept, for the API's reads and edits. */
  readonly metadataStore: MetadataStore;
  /** Queue metadata as the call path reads it (refreshed by the server, told of edits). */
  readonly metadata: MetadataCache;
  /** Long work in batches (eligibility recomputation), for the API's progress routes. */
  readonly jobs: JobStore;
  /** TaskRouter event callbacks: which deliveries were taken, and who hears each event once. */
  readonly taskRouterEvents: {
    readonly inbox: EventInbox;
    readonly listener: TaskRouterEventListener;
  };
  /** This process's metrics (made by the composition root; each test app has its own). */
  readonly metrics: Metrics;
  /** Callers' callbacks (docs/callbacks.md); absent: no offer, no /api/callbacks. */
  readonly callbacks?: CallbackStore;
  /** Callers' voicemails (docs/voicemail.md); absent: no "press 2", no /api/voicemails. */
  readonly voicemails?: VoicemailStore;
  /**
   * The Twilio client voicemail recordings are fetched with (the browser never holds the
   * account's credentials); absent: no recording route.
   */
  readonly recordings?: Pick<Twilio, 'request'>;
  /** Outbound campaigns: their state and the queue service's control stream. */
  readonly outbound?: {
    readonly campaigns: CampaignStore;
    readonly control: ControlLog;
    /** Where the rep loop parks reps for running campaigns. */
    readonly repPresence: RepPresence;
    /** Numbers never called: callees add theirs by keypress, the API lists and edits it. */
    readonly optOuts: OptOutList;
    /** Event Streams deliveries already taken (the backend's); absent: this process's own. */
    readonly eventStreamsInbox?: EventInbox;
    /**
     * false: the rep loop as it was before campaigns (one-second dials and rests, never a
     * park), kept as the baseline of the answer-to-rep benchmark. Default true.
     */
    readonly parkReps?: boolean;
  };
  /** The SMS survey after served calls; absent: no survey routes, nothing scheduled. */
  readonly survey?: {
    readonly store: SurveyStore;
    /** Each queue's satisfaction for /api/queues (refreshed by the composition root). */
    readonly satisfaction: SatisfactionCache;
  };
}

/** What the webhooks share about campaigns: one lookup, one place where attempts move. */
function openOutbound(deps: AppDeps, outbound: NonNullable<AppDeps['outbound']>) {
  const lookup = new CampaignLookup(outbound.campaigns);
  const events = new AttemptEvents(outbound.campaigns, deps.logger);
  const callerTaken = createCampaignTakes({
    store: outbound.campaigns,
    campaigns: lookup,
    events,
    logger: deps.logger,
  });
  const parking = createRepParking({
    queues: deps.config.queues,
    campaigns: lookup,
    presence: outbound.repPresence,
  });
  return {
    store: outbound.campaigns,
    lookup,
    events,
    callerTaken,
    parking: outbound.parkReps === false ? undefined : parking,
    optOuts: outbound.optOuts,
    eventStreamsInbox: outbound.eventStreamsInbox ?? createMemoryEventInbox(),
  };
}

/** Builds the app; never listens and never reads the environment (tests build it directly). */
export function createApp(given: AppDeps): Express {
  // One read a second of the callbacks holding a place serves every webhook and view here.
  const deps: AppDeps =
    given.callbacks === undefined
      ? given
      : { ...given, callbacks: withRecentHolding(given.callbacks, given.clock) };
  const app = express();
  app.disable('x-powered-by');
  // TwiML is generated per request and never cached by Twilio; the API sets its own validators.
  app.set('etag', false);
  // Behind a router or load balancer every request comes from the proxy; only with this set
  // does req.ip name the client, so that one client's wrong admin tokens lock out only it.
  app.set('trust proxy', deps.config.trustProxy);
  installRequestContext(app, deps.logger);
  // Webhooks first, without helmet: its headers protect pages in browsers, and Twilio's
  // fetcher is not one; on a sub-millisecond webhook they are a measurable cost.
  const outbound = deps.outbound && openOutbound(deps, deps.outbound);
  const servedCalls =
    deps.survey === undefined
      ? undefined
      : createSurveyScheduling({
          store: deps.survey.store,
          metadata: deps.metadata,
          clock: deps.clock,
          sending: deps.config.survey.sender !== undefined,
        });
  installVoiceRoutes(app, {
    ...deps,
    ...(servedCalls === undefined ? {} : { servedCalls }),
    ...(outbound === undefined
      ? {}
      : { callerTaken: outbound.callerTaken, parking: outbound.parking }),
  });
  installTaskRouterEvents(app, {
    clock: deps.clock,
    authToken: deps.authToken,
    publicBaseUrl: deps.config.publicBaseUrl,
    metrics: deps.metrics,
    ...deps.taskRouterEvents,
  });
  if (outbound !== undefined) {
    installOutboundWebhooks(app, {
      config: deps.config,
      clock: deps.clock,
      campaigns: outbound.lookup,
      events: outbound.events,
      authToken: deps.authToken,
      metrics: deps.metrics,
      optOuts: outbound.optOuts,
    });
    installEventStreamsRoute(app, {
      clock: deps.clock,
      authToken: deps.authToken,
      publicBaseUrl: deps.config.publicBaseUrl,
      basicAuth: deps.config.eventStreams.basicAuth,
      campaigns: outbound.lookup,
      store: outbound.store,
      events: outbound.events,
      inbox: outbound.eventStreamsInbox,
      metrics: deps.metrics,
    });
    installCallStatusRoute(app, {
      clock: deps.clock,
      apiToken: deps.apiToken,
      campaigns: outbound.lookup,
      store: outbound.store,
      events: outbound.events,
    });
  }
  const survey = deps.survey;
  if (survey !== undefined) {
    installSmsWebhooks(app, {
      config: deps.config,
      clock: deps.clock,
      authToken: deps.authToken,
      metrics: deps.metrics,
      store: survey.store,
      // This process's figures follow at once; other web processes' at their next refresh.
      onScored: () => void survey.satisfaction.refresh(),
    });
  }
  app.use(helmet());
  const satisfaction = survey?.satisfaction;
  app.use(createHealthRouter(deps));
  const campaignDeps =
    deps.outbound === undefined
      ? undefined
      : {
          campaigns: deps.outbound.campaigns,
          control: deps.outbound.control,
          queues: deps.config.queues,
          callsPerSecond: deps.config.outbound.callsPerSecond,
        };
  app.use(
    createApiRouter({
      ...deps,
      ...(satisfaction === undefined ? {} : { satisfaction }),
      ...(deps.outbound === undefined || campaignDeps === undefined
        ? {}
        : { campaigns: campaignDeps, optOuts: deps.outbound.optOuts }),
    }),
  );
  // With METRICS_PORT the metrics have a listener of their own (the server starts it).
  const exposure = metricsExposure(deps.config, deps.apiToken);
  if (exposure.where === 'app') app.use(createMetricsRouter(deps, exposure.token));
  // The same queue, campaign, callback and voicemail routes for the admin page's script, behind
  // its session instead of a token.
  app.use(
    createAdminRouter({
      config: deps.config,
      clock: deps.clock,
      adminToken: deps.adminToken,
      queueApi: createQueueRoutes({
        ...deps,
        ...(satisfaction === undefined ? {} : { satisfaction }),
      }),
      ...(campaignDeps === undefined
        ? {}
        : { campaignApi: createCampaignRoutes({ ...campaignDeps, clock: deps.clock }) }),
      ...supervisorApiOf(deps),
    }),
  );
  app.use((req: Request, _res: Response) => {
    throw new AppError('NOT_FOUND', {
      message: `No route for ${req.method} ${clipForMessage(req.path)}`,
    });
  });
  app.use(
    createErrorHandler({
      refusals: createRefusalLog({ logger: deps.logger, clock: deps.clock }),
    }),
  );
  return app;
}

/**
 * The callback and voicemail routes for the admin page (the lists, a callback's cancel, a
 * voicemail's done and its recording), when the app keeps either.
 */
function supervisorApiOf(deps: AppDeps): { supervisorApi?: Router } {
  if (deps.callbacks === undefined && deps.voicemails === undefined) return {};
  const router = Router();
  addSupervisorRoutes(router, deps);
  return { supervisorApi: router };
}
