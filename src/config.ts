import { envSchema, parseEachVariable, type Env, type EnvValues } from './config/env-schema.js';
import { parsePremiumCallers, parseQueueNumbers } from './config/phone-lists.js';
import type { TrustProxy } from './lib/trust-proxy.js';

/**
 * Configuration is read once, from an env-like record, validated as a whole (every bad
 * variable is reported in one error) and frozen. Nothing else in the app reads process.env.
 * The variables' own schemas are in config/env-schema.ts; the rules across them are here.
 */

const DEMO_ELIGIBILITY_ATTRIBUTE = 'eligible_queues';

export type Mode = 'demo' | 'production';

export interface Config {
  readonly mode: Mode;
  readonly port: number;
  /** The URL Twilio calls, without a trailing slash; demo mode defaults to localhost:PORT. */
  readonly publicBaseUrl: string;
  readonly logLevel: string;
  readonly dataDir: string;
  /**
   * Express's `trust proxy`: whose X-Forwarded-For to believe for req.ip (the admin login
   * limiter's key). false = none. Signatures never depend on it: they use publicBaseUrl.
   */
  readonly trustProxy: TrustProxy;
  readonly twilio: {
    readonly accountSid: string | undefined;
    /** Undefined only in demo mode: the server then invents (and keeps) one. */
    readonly authToken: string | undefined;
    /** Every REST call goes here instead of Twilio (the emulator, or a compatible server). */
    readonly apiBaseUrl: string | undefined;
    /** The TaskRouter workspace stats are read from; unset = Voice queue sizes only. */
    readonly workspaceSid: string | undefined;
    readonly requestTimeoutMs: number;
    /** Client-side pace of REST calls, so a burst does not meet Twilio's 429s. */
    readonly maxRequestsPerSecond: number;
    readonly retry: {
      readonly retryLimit: number;
      readonly minBackoffMs: number;
      readonly maxBackoffMs: number;
    };
  };
  /** Queue names, highest priority first. The first is "premium", the last "regular". */
  readonly queues: readonly string[];
  /** Called number (E.164) → queue name. */
  readonly queueByNumber: ReadonlyMap<string, string>;
  /** Caller numbers (E.164) that go to the first queue. */
  readonly premiumCallers: ReadonlySet<string>;
  readonly statsRefreshSeconds: number;
  readonly stats: {
    readonly cumulativePeriodMinutes: number;
    /** Service-level thresholds (seconds), ascending. */
    readonly slaSplitSeconds: readonly number[];
    /** Concurrent per-queue statistics requests when the bulk endpoint cannot be used. */
    readonly batchSize: number;
    /** A cycle that runs longer is cut off; what it read by then is kept. */
    readonly cycleTimeoutSeconds: number;
    readonly taskChannel: string | undefined;
  };
  /** Unset: embedded mode (everything in this process). */
  readonly redis:
    | {
        readonly url: string;
        readonly keyPrefix: string;
        /**
         * While Redis is unreachable, each process paces itself at an account-wide pace's rate
         * divided by this (the processes expected to share it).
         */
        readonly paceFallbackProcesses: number;
      }
    | undefined;
  /** Bearer token for /api; unset in production = the API answers 503 API_DISABLED. */
  readonly apiToken: string | undefined;
  /** Logs supervisors in to /admin; unset in production = the admin page is off. */
  readonly adminToken: string | undefined;
  /**
   * How GET /metrics is guarded: a bearer token, and/or a listener of its own on `port` (then
   * the main app does not serve it). Neither in production: not served at all.
   */
  readonly metrics: {
    readonly token: string | undefined;
    readonly port: number | undefined;
  };
  readonly announcements: {
    readonly voice: string;
    readonly language: string;
    readonly holdMusicUrl: string | undefined;
    readonly holdPauseSeconds: number;
    readonly positionCap: number;
    readonly estimateMinIntervalSeconds: number;
    readonly rounding: 'nearest' | 'up';
  };
  /** The learned estimator (src/wait-time/queue-learner.ts). */
  readonly waitEstimate: {
    /** How fast the learned rates forget: the weight of an event halves each half-life. */
    readonly halfLifeMinutes: number;
    /** A caller taken within this many seconds found an agent free: no backlog to learn from. */
    readonly freeAgentSeconds: number;
  };
  /**
   * Each worker's eligible queue SIDs kept in its attributes (src/eligibility/); undefined = off
   * (production leaves workers' attributes alone unless ELIGIBLE_QUEUES_ATTRIBUTE is set).
   */
  readonly eligibility:
    | {
        readonly attributeKey: string;
        /** Client-side paces of the worker fetches and writes, account-wide (every process together). */
        readonly readsPerSecond: number;
        readonly writesPerSecond: number;
        /** A full sync runs when the last is older (events can be missed). */
        readonly resyncHours: number;
      }
    | undefined;
  readonly outbound: {
    /** Calls per second campaigns may create, every process together: the account's share. */
    readonly callsPerSecond: number;
    /** The number callbacks are dialed from; undefined: callbacks are not dialed. */
    readonly callbackCallerId: string | undefined;
  };
  readonly eventStreams: {
    /** auto: at start, make sure a webhook sink to our /eventstreams and its subscription exist. */
    readonly sink: 'auto' | 'off';
    /** The Basic credentials the sink's destination URL carries; undefined = signatures only. */
    readonly basicAuth: { readonly user: string; readonly password: string } | undefined;
  };
  /** The SMS survey after a served call (docs/feedback.md). */
  readonly survey: {
    /** Where surveys are sent from; undefined: no sender, so no survey is ever scheduled. */
    readonly sender:
      { readonly messagingServiceSid: string } | { readonly from: string } | undefined;
    /** twilio: Twilio answers STOP/START/HELP (its default); holdline: we answer them. */
    readonly keywordReplies: 'twilio' | 'holdline';
    readonly helpText: string;
    /** At most one survey per number in this many hours (0: no limit). */
    readonly minIntervalHours: number;
    /** How often the sender looks for surveys due. */
    readonly sendIntervalSeconds: number;
  };
  readonly reps: {
    readonly emptyRoundPauseSeconds: number;
    /** 0 = anti-starvation off. */
    readonly antiStarvationSeconds: number;
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(rawEnv: Env): Config {
  const env = withoutBlanks(rawEnv);
  const { values, problems } = parseEachVariable(env);
  // Rules across variables run on whatever did parse, so one start-up error lists everything
  // to fix; a rule that needs a variable which failed its own parse is skipped.
  const queueByNumber = parseQueueNumbers(values.QUEUE_NUMBERS ?? [], values.QUEUES, problems);
  const premiumCallers = parsePremiumCallers(values.PREMIUM_CALLERS ?? [], problems);
  const { TWILIO_SERVICE_MIN_BACKOFF: minBackoff, TWILIO_SERVICE_MAX_BACKOFF: maxBackoff } = values;
  if (minBackoff !== undefined && maxBackoff !== undefined && minBackoff > maxBackoff) {
    problems.push(
      'TWILIO_SERVICE_MIN_BACKOFF: must not exceed TWILIO_SERVICE_MAX_BACKOFF (both in milliseconds)',
    );
  }
  if (values.METRICS_PORT !== undefined && values.METRICS_PORT === values.PORT) {
    problems.push('METRICS_PORT: must differ from PORT (metrics get a listener of their own)');
  }
  if (values.QUEUES !== undefined && new Set(values.QUEUES).size !== values.QUEUES.length) {
    problems.push('QUEUES: a queue is named twice');
  }
  const { mode, problems: credentialProblems } = checkCredentials(env);
  problems.push(...credentialProblems);
  if (problems.length > 0) throw new ConfigError(problems);
  // Every variable parsed on its own above; parsing them together gives the typed whole.
  const e = envSchema.parse(env);

  return deepFreeze({
    mode,
    port: e.PORT,
    publicBaseUrl: (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    logLevel: e.LOG_LEVEL,
    dataDir: e.DATA_DIR,
    trustProxy: e.TRUST_PROXY,
    twilio: {
      accountSid: e.TWILIO_ACCOUNT_SID,
      authToken: e.TWILIO_AUTH_TOKEN,
      apiBaseUrl: e.TWILIO_API_BASE_URL?.replace(/\/+$/, ''),
      workspaceSid: e.TWILIO_FLEX_WORKSPACE_SID,
      requestTimeoutMs: e.TWILIO_SERVICE_TIMEOUT_MS,
      maxRequestsPerSecond: e.TWILIO_SERVICE_MAX_REQUESTS_PER_SECOND,
      retry: {
        retryLimit: e.TWILIO_SERVICE_RETRY_LIMIT,
        minBackoffMs: e.TWILIO_SERVICE_MIN_BACKOFF,
        maxBackoffMs: e.TWILIO_SERVICE_MAX_BACKOFF,
      },
    },
    queues: e.QUEUES,
    queueByNumber,
    premiumCallers,
    statsRefreshSeconds: e.QUEUE_STATS_REFRESH_SECONDS,
    stats: {
      cumulativePeriodMinutes: e.QUEUE_STATS_CUMULATIVE_PERIOD_MINUTES,
      slaSplitSeconds: e.QUEUE_STATS_SLA_SPLIT_PERIODS,
      batchSize: e.QUEUE_STATS_TASKROUTER_STATS_BATCH_SIZE,
      cycleTimeoutSeconds: e.QUEUE_STATS_CYCLE_TIMEOUT_SECONDS,
      taskChannel: e.QUEUE_STATS_TASK_CHANNEL,
    },
    redis:
      e.REDIS_URL === undefined
        ? undefined
        : {
            url: e.REDIS_URL,
            keyPrefix: e.REDIS_KEY_PREFIX,
            paceFallbackProcesses: e.REST_PACE_FALLBACK_PROCESSES,
          },
    apiToken: e.API_TOKEN,
    adminToken: e.ADMIN_TOKEN,
    metrics: { token: e.METRICS_TOKEN, port: e.METRICS_PORT },
    announcements: {
      voice: e.SAY_VOICE,
      language: e.SAY_LANGUAGE,
      holdMusicUrl: e.HOLD_MUSIC_URL,
      holdPauseSeconds: e.HOLD_PAUSE_SECONDS,
      positionCap: e.ANNOUNCE_POSITION_CAP,
      estimateMinIntervalSeconds: e.ANNOUNCE_ESTIMATE_MIN_INTERVAL_SECONDS,
      rounding: e.ESTIMATE_ROUNDING,
    },
    waitEstimate: {
      halfLifeMinutes: e.WAIT_ESTIMATE_HALF_LIFE_MINUTES,
      freeAgentSeconds: e.WAIT_ESTIMATE_FREE_AGENT_SECONDS,
    },
    eligibility: eligibilityConfig(e, mode),
    outbound: {
      callsPerSecond: (e.OUTBOUND_ACCOUNT_CPS * e.OUTBOUND_CPS_SHARE_PERCENT) / 100,
      callbackCallerId: e.CALLBACK_CALLER_ID,
    },
    eventStreams: {
      sink: e.EVENT_STREAMS_SINK,
      basicAuth: basicCredentials(e.EVENT_STREAMS_BASIC_AUTH),
    },
    survey: {
      sender:
        e.SURVEY_MESSAGING_SERVICE_SID !== undefined
          ? { messagingServiceSid: e.SURVEY_MESSAGING_SERVICE_SID }
          : e.SURVEY_FROM_NUMBER !== undefined
            ? { from: e.SURVEY_FROM_NUMBER }
            : undefined,
      keywordReplies: e.SURVEY_KEYWORD_REPLIES,
      helpText: e.SURVEY_HELP_TEXT ?? DEFAULT_SURVEY_HELP_TEXT,
      minIntervalHours: e.SURVEY_MIN_INTERVAL_HOURS,
      sendIntervalSeconds: e.SURVEY_SEND_INTERVAL_SECONDS,
    },
    reps: {
      emptyRoundPauseSeconds: e.REP_EMPTY_ROUND_PAUSE_SECONDS,
      antiStarvationSeconds: e.ANTI_STARVATION_SECONDS,
    },
  });
}

/** "user:password" (the schema checked its form): split at the first colon. */
function basicCredentials(value: string | undefined): Config['eventStreams']['basicAuth'] {
  if (value === undefined) return undefined;
  const colon = value.indexOf(':');
  return { user: value.slice(0, colon), password: value.slice(colon + 1) };
}

const DEFAULT_SURVEY_HELP_TEXT =
  'Call satisfaction survey: reply with a score from 1 to 5, or in your own words. Reply STOP to opt out. Msg&data rates may apply.';

/** The demo shows the feature on its emulated workers; production opts in by naming the key. */
function eligibilityConfig(e: EnvValues, mode: Mode): Config['eligibility'] {
  const attributeKey =
    e.ELIGIBLE_QUEUES_ATTRIBUTE ?? (mode === 'demo' ? DEMO_ELIGIBILITY_ATTRIBUTE : undefined);
  if (attributeKey === undefined) return undefined;
  return {
    attributeKey,
    readsPerSecond: e.ELIGIBILITY_MAX_READS_PER_SECOND,
    writesPerSecond: e.ELIGIBILITY_MAX_WRITES_PER_SECOND,
    resyncHours: e.ELIGIBILITY_RESYNC_HOURS,
  };
}

/** Credentials come in pairs, and signatures need the public URL they were made for. */
function checkCredentials(env: Env): { mode: Mode; problems: string[] } {
  const problems: string[] = [];
  const hasSid = env.TWILIO_ACCOUNT_SID !== undefined;
  const hasToken = env.TWILIO_AUTH_TOKEN !== undefined;
  if (hasSid && !hasToken)
    problems.push('TWILIO_AUTH_TOKEN: required when TWILIO_ACCOUNT_SID is set');
  if (hasToken && !hasSid)
    problems.push('TWILIO_ACCOUNT_SID: required when TWILIO_AUTH_TOKEN is set');
  const mode: Mode = hasSid || hasToken ? 'production' : 'demo';
  if (mode === 'production' && env.PUBLIC_BASE_URL === undefined) {
    problems.push(
      'PUBLIC_BASE_URL: required with Twilio credentials (webhook signatures are checked against it)',
    );
  }
  return { mode, problems };
}

/** An empty (or all-blank) variable means "unset": `PORT=` must not become port 0. */
function withoutBlanks(env: Env): Env {
  return Object.fromEntries(
    Object.entries(env).map(([name, value]) => [name, value?.trim() === '' ? undefined : value]),
  );
}

/**
 * Object.freeze does not stop Map#set or Set#add; the routing tables get mutators that throw,
 * so nothing can re-route calls at run time behind the configuration's back.
 */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (value instanceof Map || value instanceof Set) {
    for (const mutator of ['set', 'add', 'delete', 'clear']) {
      if (mutator in value) {
        Object.defineProperty(value, mutator, {
          value: () => {
            throw new TypeError('configuration is read-only');
          },
        });
      }
    }
  }
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
