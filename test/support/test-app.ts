import request from 'supertest';
import { createApp, type AppDeps } from '../../src/app.js';
import { MemoryRepPresence, type RepPresence } from '../../src/reps/rep-presence.js';
import { captureLogger } from './capture-logger.js';
import { createSatisfactionCache } from '../../src/survey/satisfaction-cache.js';
import { addSurveyMetrics } from '../../src/runtime/survey-metrics.js';
import type { SurveyStore } from '../../src/survey/survey-store.js';
import type { Clock } from '../../src/clock.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createMetadataCache } from '../../src/metadata/metadata-cache.js';
import { createMemoryMetadataStore } from '../../src/metadata/memory-metadata-store.js';
import type { MetadataStore } from '../../src/metadata/metadata-store.js';
import { defaultQueueMetadata } from '../../src/metadata/queue-metadata.js';
import { createMemoryJobStore } from '../../src/jobs/memory-job-store.js';
import { addEstimationMetrics } from '../../src/runtime/estimation-metrics.js';
import { createMetrics } from '../../src/metrics/registry.js';
import { createWaitEstimation, type WaitEstimation } from '../../src/runtime/wait-estimation.js';
import { EmbeddedOptOutList } from '../../src/outbound/embedded-opt-out-list.js';
import type { OptOutList } from '../../src/outbound/opt-out-list.js';
import { createMemoryEventInbox } from '../../src/taskrouter/event-inbox.js';
import type { TaskRouterEvent } from '../../src/taskrouter/events.js';
import type { TaskRouterEventListener } from '../../src/taskrouter/events-route.js';
import { createMemoryStatsStore } from '../../src/stats/memory-stats-store.js';
import type { StatsSnapshot } from '../../src/stats/queue-stats.js';
import type { StatsStore } from '../../src/stats/stats-store.js';
import { signTwilioRequest } from '../../src/twilio-webhook/sign.js';
import type { WaitEstimator } from '../../src/wait-time/estimator.js';
import type { QueueEventLog } from '../../src/wait-time/queue-events.js';
import type { CallbackStore } from '../../src/callbacks/callback.js';
import type { VoicemailStore } from '../../src/voicemail/voicemail.js';

export const BASE_URL = 'https://holdline.example.test';
export const AUTH_TOKEN = 'test-auth-token-0123456789abcdef';
export const API_TOKEN = 'test-api-token-0123456789abcdef';
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export const NOW = Date.parse('2026-11-23T10:00:00Z');

export type { LogLine } from './capture-logger.js';

/**
 * The app as the server builds it, on a fixed clock, with its logs captured. Only the process
 * boundaries are replaced: time, and (optionally) a store that fails like an unreachable one.
 */
export function buildTestApp(
  options: {
    env?: Record<string, string>;
    snapshot?: StatsSnapshot;
    stats?: StatsStore;
    events?: QueueEventLog;
    estimator?: WaitEstimator;
    /** Queue events and estimates as a test opened them (Redis mode); embedded otherwise. */
    estimation?: WaitEstimation;
    /** The /api bearer token; null = the API is off (no API_TOKEN). */
    apiToken?: string | null;
    metadataStore?: MetadataStore;
    adminToken?: string;
    /** What the app hands TaskRouter events to, after recording them (may reject). */
    eventListener?: TaskRouterEventListener;
    /** debug unless said otherwise, so tests see the access lines too. */
    logLevel?: 'debug' | 'info';
    /** Fixed at NOW unless a test moves time itself. */
    clock?: Clock;
    /** Callers' callbacks; none = no offer and no /api/callbacks. */
    callbacks?: CallbackStore;
    /** Callers' voicemails; none = no /api/voicemails. */
    voicemails?: VoicemailStore;
    /**
     * Outbound campaigns' state and control stream; none = no campaign routes. The opt-out
     * list is an empty one in memory unless given.
     */
    /** The SMS survey's store; none = no survey routes, nothing scheduled. */
    surveyStore?: SurveyStore;
    outbound?: Omit<NonNullable<AppDeps['outbound']>, 'optOuts' | 'repPresence'> & {
      optOuts?: OptOutList;
      repPresence?: RepPresence;
    };
  } = {},
) {
  const config: Config = loadConfig({ PUBLIC_BASE_URL: BASE_URL, ...options.env });
  let now = NOW;
  const clock: Clock = options.clock ?? { now: () => now };
  /** Moves the app's clock (it stands at NOW until moved; not with a clock of the test's own). */
  const setNow = (at: number) => {
    now = at;
  };
  const stats = options.stats ?? createMemoryStatsStore(options.snapshot);
  const { logger, lines: logs } = captureLogger(options.logLevel ?? 'debug');
  // As the server wires it: embedded mode learns from its own queue events.
  const estimation = options.estimation ?? createWaitEstimation({ config, clock });
  const events = options.events ?? estimation.events;
  // The queues as the poller would have reconciled them: every configured and polled queue at
  // its defaults (open around the clock), until a test edits them through the API.
  // Tolerant: some tests hand in a corrupt snapshot on purpose.
  const polledQueues = stats.currentSnapshot()?.queues;
  const polled = new Map(
    (Array.isArray(polledQueues) ? (polledQueues as StatsSnapshot['queues']) : []).map((q) => [
      q.name,
      q.metadata,
    ]),
  );
  const queueNames = new Set([...config.queues, ...polled.keys()]);
  const initial = new Map(
    [...queueNames].map((name) => [name, polled.get(name) ?? defaultQueueMetadata(name)]),
  );
  const metadataStore = options.metadataStore ?? createMemoryMetadataStore(initial);
  const metadata = createMetadataCache({ store: metadataStore, logger, initial });
  const jobs = createMemoryJobStore();
  /** Every TaskRouter event the app handed on, in order. */
  const taskRouterEvents: TaskRouterEvent[] = [];
  // Without process metrics: their collectors sample on each scrape, which no test reads.
  const metrics = createMetrics({ processMetrics: false });
  // As the server adds them: read from the estimation when scraped.
  addEstimationMetrics(metrics, {
    clock,
    queues: config.queues,
    accuracy: estimation.accuracy,
    outboxStatus: () => estimation.outboxStatus(),
  });
  const survey =
    options.surveyStore === undefined
      ? undefined
      : {
          store: options.surveyStore,
          satisfaction: createSatisfactionCache({
            store: options.surveyStore,
            clock,
            logger,
            queues: config.queues,
          }),
        };
  // As the server adds them: read from the satisfaction cache when scraped.
  if (survey !== undefined) addSurveyMetrics(metrics, survey.satisfaction);
  const app = createApp({
    ...(survey === undefined ? {} : { survey }),
    config,
    logger,
    clock,
    stats,
    events,
    estimator: options.estimator ?? estimation.estimator,
    activity: estimation.activity,
    accuracy: estimation.accuracy,
    authToken: AUTH_TOKEN,
    apiToken: options.apiToken === null ? undefined : (options.apiToken ?? API_TOKEN),
    adminToken: options.adminToken ?? ADMIN_TOKEN,
    metadataStore,
    metadata,
    jobs,
    taskRouterEvents: {
      inbox: createMemoryEventInbox(),
      listener: async (event) => {
        taskRouterEvents.push(event);
        await options.eventListener?.(event);
      },
    },
    metrics,
    ...(options.callbacks === undefined ? {} : { callbacks: options.callbacks }),
    ...(options.voicemails === undefined ? {} : { voicemails: options.voicemails }),
    ...(options.outbound === undefined
      ? {}
      : {
          outbound: {
            ...options.outbound,
            optOuts: options.outbound.optOuts ?? EmbeddedOptOutList.inMemory(),
            repPresence: options.outbound.repPresence ?? new MemoryRepPresence(),
          },
        }),
  });

  /** POST a form as Twilio would, signed over BASE_URL + path (query included). */
  const post = (path: string, params: Record<string, string> = {}) =>
    request(app)
      .post(path)
      .type('form')
      .set('X-Twilio-Signature', signTwilioRequest(AUTH_TOKEN, BASE_URL + path, params))
      .send(params);
  /** GET as Twilio would: parameters in the query string, signature over the URL alone. */
  const get = (path: string) =>
    request(app)
      .get(path)
      .set('X-Twilio-Signature', signTwilioRequest(AUTH_TOKEN, BASE_URL + path));

  /** GET an /api path with the bearer token. */
  const api = (path: string) => request(app).get(path).set('Authorization', `Bearer ${API_TOKEN}`);

  /** PUT JSON to an /api path with the bearer token (and If-Match when given). */
  const apiPut = (path: string, body: unknown, ifMatch?: string) => {
    const put = request(app).put(path).set('Authorization', `Bearer ${API_TOKEN}`);
    return (ifMatch === undefined ? put : put.set('If-Match', ifMatch)).send(body as object);
  };

  return {
    app,
    config,
    setNow,
    stats,
    events,
    logs,
    post,
    get,
    api,
    apiPut,
    metadataStore,
    metadata,
    taskRouterEvents,
    activity: estimation.activity,
    jobs,
    metrics,
    survey,
  };
}

/** A TwiML document as the Twilio SDK writes it. */
export const twiml = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Response>${inner}</Response>`;

export const SAY = '<Say voice="Polly.Joanna" language="en-US">';

/** What a refused webhook (bad signature, oversized body) answers, with its 4xx status. */
export const REFUSED = twiml(
  `${SAY}We are sorry, something went wrong on our side. Please call back a little later. Goodbye.</Say><Hangup/>`,
);

/** Stats for one queue, fresh at NOW unless said otherwise. */
export function snapshotOf(...queues: StatsSnapshot['queues']): StatsSnapshot {
  return { fetchedAt: NOW, queues };
}

/** The regular queue, polled 5 s ago: 6 waiting, one caller a minute served over 30 minutes. */
export const freshStats = snapshotOf({
  name: 'customers',
  voiceQueueSid: 'QU00000000000000000000000000000002',
  fetchedAt: NOW - 5000,
  waitingCallers: 6,
  servedInWindow: 30,
  windowSeconds: 1800,
});

/**
 * A store that fails the way an unreachable Redis does, in a process that has not read a
 * snapshot from it yet.
 */
export const unreachableStore: StatsStore = {
  currentSnapshot: () => undefined,
  readSnapshot: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')),
  writeSnapshot: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379')),
};
