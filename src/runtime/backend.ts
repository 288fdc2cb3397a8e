import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { EligibilityCache } from '../eligibility/eligibility-cache.js';
import type { JobStore } from '../jobs/job-store.js';
import type { Logger } from '../logger.js';
import type { MetadataStore } from '../metadata/metadata-store.js';
import type { Metrics } from '../metrics/registry.js';
import type { LeaderLock } from '../stats/poller-lock.js';
import type { StatsSnapshot } from '../stats/queue-stats.js';
import type { StatsStore } from '../stats/stats-store.js';
import type { EventInbox } from '../taskrouter/event-inbox.js';
import type { Paces } from '../twilio-rest/rate-limiter.js';
import { openEmbeddedBackend } from './embedded-backend.js';
import { openRedisBackend } from './redis-backend.js';
import type { WaitEstimation } from './wait-estimation.js';
import type { CampaignStore } from '../outbound/campaign-store.js';
import type { ControlLog } from '../outbound/control-log.js';
import type { OptOutList } from '../outbound/opt-out-list.js';
import type { AbandonedNumbers } from '../outbound/abandoned-numbers.js';
import type { CampaignOwnership } from '../dialer/queue-service.js';
import type { RepPresence } from '../reps/rep-presence.js';
import type { SinkLock } from '../dialer/sink-lock.js';
import type { SurveyStore } from '../survey/survey-store.js';
import type { CallbackStore } from '../callbacks/callback.js';
import type { VoicemailStore } from '../voicemail/voicemail.js';

/** Asking the poller for a cycle now, wherever it runs. */
export interface RefreshRequests {
  request(): void;
  /** The poller's side: called on every request until closed. */
  listen(onRequest: () => void): { close(): void };
}

/** Where every poll's queue sizes go, to keep the callers' count honest. */
export interface SnapshotSizes {
  readonly onSnapshot: (snapshot: StatsSnapshot) => void;
  /** Delivers what is still held. */
  close(): Promise<void>;
}

/**
 * Everything a process keeps or shares, from one place: embedded (memory and files under
 * DATA_DIR, one process) or Redis (REDIS_URL, shared by every web and worker process). The
 * entries open it once and wire from it; nothing else asks which one it is.
 */
export interface Backend {
  /** Embedded: the web process polls Twilio itself; Redis: the worker processes do (Procfile). */
  readonly pollsInWebProcess: boolean;
  readonly stats: StatsStore;
  readonly metadata: MetadataStore;
  /** Long work in batches. */
  readonly jobs: JobStore;
  /** The REST paces: in this process, or one budget per pace for every process. */
  readonly paces: Paces;
  /** TaskRouter deliveries already seen, so a retried one is handled once. */
  readonly eventInbox: EventInbox;
  /** Event Streams deliveries already seen (by event id), the same way. */
  readonly eventStreamsInbox: EventInbox;
  /** Lets one process at a time see to the Event Streams sink. */
  readonly sinkLock: SinkLock;
  /** The poller's leadership among workers (undefined: this process polls alone, at once). */
  readonly pollerLock: LeaderLock | undefined;
  readonly refreshRequests: RefreshRequests;
  /**
   * Outbound campaigns: executions, contacts, attempts, dispositions and queue events. Every
   * attempt it ends `abandoned` is recorded in `abandoned` (abandonment-recording-store.ts).
   */
  readonly campaigns: CampaignStore;
  /** The queue service's commands (`queue_control_stream`). */
  readonly control: ControlLog;
  /** Which process runs each running campaign. */
  readonly campaignOwnership: CampaignOwnership;
  /** Reps parked on campaigns' queues: written by the rep loop, read by the dialer. */
  readonly repPresence: RepPresence;
  /** Numbers never to be called, for every campaign. */
  readonly optOuts: OptOutList;
  /** Numbers whose call was abandoned in the last 72 hours, for every campaign (Ofcom). */
  readonly abandoned: AbandonedNumbers;
  /** SMS surveys after served calls, their replies, and the SMS opt-outs (docs/feedback.md). */
  readonly surveys: SurveyStore;
  /** Callers who took a callback: their places, kept across restarts (docs/callbacks.md). */
  readonly callbacks: CallbackStore;
  /** Messages callers left instead of holding, for supervisors (docs/voicemail.md). */
  readonly voicemails: VoicemailStore;
  openEligibilityCache(): Promise<{ cache: EligibilityCache; close: () => Promise<void> }>;
  openWaitEstimation(deps: {
    clock: Clock;
    logger: Logger;
    /** Queue events held while Redis is away (default DEFAULT_OUTBOX_CAPACITY). */
    outboxCapacity?: number;
  }): Promise<WaitEstimation>;
  /** `estimation`: this process's own, when it polls (embedded). */
  snapshotSizes(deps: { clock: Clock; logger: Logger; estimation?: WaitEstimation }): SnapshotSizes;
  close(): Promise<void>;
}

export interface BackendOptions {
  logger: Logger;
  /** Counts the stats store's Redis outages and the poller lock's changes. */
  metrics?: Metrics;
  /** A worker competes for the poller lock, and its writes are fenced by it. */
  role: 'web' | 'worker';
}

/**
 * The one place the mode is decided: without REDIS_URL everything is this process's own and the
 * web process polls Twilio itself. The worker asks before opening anything, so that a worker
 * started without Redis leaves nothing behind.
 */
export function pollsInWebProcess(config: Config): boolean {
  return config.redis === undefined;
}

/**
 * Resolves even while Redis is down: webhooks must start answering anyway, and the connection
 * comes back by itself.
 */
export function openBackend(config: Config, options: BackendOptions): Promise<Backend> {
  // The same decision as pollsInWebProcess, written so that TypeScript sees the Redis settings.
  return config.redis === undefined
    ? openEmbeddedBackend(config, options)
    : openRedisBackend(config, config.redis, options);
}
