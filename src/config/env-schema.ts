import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from '../lib/trust-proxy.js';

/**
 * Every environment variable the app reads, each with its own schema and default. Each is
 * parsed on its own (parseEachVariable), so that one start-up error lists every bad variable.
 */

const MAX_QUEUE_NAME_LENGTH = 64; // Twilio's limit for <Enqueue> queue names.

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const nonNegativeInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
const optionalUrl = optionalString.pipe(z.url({ protocol: /^https?$/ }).optional());

/** `30,60,120` → [30, 60, 120]: positive whole seconds, ascending, no repeats. */
function parseSecondsList(value: string, ctx: z.RefinementCtx): number[] {
  const items = value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  const numbers = items.map(Number);
  if (numbers.some((n) => !Number.isInteger(n) || n <= 0)) {
    ctx.addIssue({
      code: 'custom',
      message: 'a comma-separated list of whole seconds, e.g. 30,60,120',
    });
    return [];
  }
  return [...new Set(numbers)].sort((a, b) => a - b);
}

const listOf = (separator: string) =>
  z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(separator)
        .map((item) => item.trim())
        .filter((item) => item !== ''),
    );

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_BASE_URL: optionalUrl,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().trim().min(1).default('.data'),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((value, ctx): TrustProxy => {
      if (value === undefined) return false;
      const parsed = parseTrustProxy(value);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: 'custom', message: parsed.problem });
      return z.NEVER;
    }),

  TWILIO_ACCOUNT_SID: optionalString.pipe(
    z
      .string()
      .regex(/^AC[0-9a-fA-F]{32}$/, 'must be AC followed by 32 hex digits')
      .optional(),
  ),
  TWILIO_AUTH_TOKEN: optionalString,
  TWILIO_API_BASE_URL: optionalUrl,
  TWILIO_FLEX_WORKSPACE_SID: optionalString.pipe(
    z
      .string()
      .regex(/^WS[0-9a-fA-F]{32}$/, 'must be WS followed by 32 hex digits')
      .optional(),
  ),
  TWILIO_SERVICE_RETRY_LIMIT: nonNegativeInt(3),
  TWILIO_SERVICE_MIN_BACKOFF: positiveInt(200),
  TWILIO_SERVICE_MAX_BACKOFF: positiveInt(5_000),
  TWILIO_SERVICE_TIMEOUT_MS: positiveInt(10_000),
  TWILIO_SERVICE_MAX_REQUESTS_PER_SECOND: positiveInt(10),

  QUEUES: listOf(',')
    .pipe(
      z
        .array(z.string().max(MAX_QUEUE_NAME_LENGTH, `queue names are at most 64 characters`))
        .min(1, 'name at least one queue'),
    )
    .default(['premium-customers', 'customers']),
  QUEUE_NUMBERS: listOf(','),
  PREMIUM_CALLERS: listOf(','),
  QUEUE_STATS_REFRESH_SECONDS: positiveInt(15),
  QUEUE_STATS_CUMULATIVE_PERIOD_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  QUEUE_STATS_SLA_SPLIT_PERIODS: z
    .string()
    .default('30,60,120')
    .transform((value, ctx) => parseSecondsList(value, ctx)),
  QUEUE_STATS_TASKROUTER_STATS_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  QUEUE_STATS_CYCLE_TIMEOUT_SECONDS: positiveInt(60),
  QUEUE_STATS_TASK_CHANNEL: optionalString,

  REDIS_URL: optionalString.pipe(z.url({ protocol: /^rediss?$/ }).optional()),
  REDIS_KEY_PREFIX: z.string().trim().min(1).default('holdline:'),
  REST_PACE_FALLBACK_PROCESSES: positiveInt(4),
  API_TOKEN: optionalString.pipe(
    z.string().min(16, 'use at least 16 characters (it guards queue data)').optional(),
  ),
  ADMIN_TOKEN: optionalString.pipe(
    z.string().min(16, 'use at least 16 characters (it guards queue settings)').optional(),
  ),
  METRICS_TOKEN: optionalString.pipe(
    z.string().min(16, 'use at least 16 characters (it guards the metrics)').optional(),
  ),
  METRICS_PORT: z.coerce
    .number('a port number')
    .int('a port from 1 to 65535')
    .min(1, 'a port from 1 to 65535')
    .max(65535, 'a port from 1 to 65535')
    .optional(),

  SAY_VOICE: z.string().trim().min(1).default('Polly.Joanna'),
  SAY_LANGUAGE: z.string().trim().min(2).default('en-US'),
  HOLD_MUSIC_URL: optionalUrl,
  HOLD_PAUSE_SECONDS: positiveInt(20),
  ANNOUNCE_POSITION_CAP: positiveInt(10),
  ANNOUNCE_ESTIMATE_MIN_INTERVAL_SECONDS: nonNegativeInt(60),
  ESTIMATE_ROUNDING: z.enum(['nearest', 'up']).default('nearest'),
  WAIT_ESTIMATE_HALF_LIFE_MINUTES: positiveInt(30),
  WAIT_ESTIMATE_FREE_AGENT_SECONDS: nonNegativeInt(1),

  ELIGIBLE_QUEUES_ATTRIBUTE: optionalString.pipe(
    z
      .string()
      .regex(
        /^[A-Za-z_][A-Za-z0-9_]{0,63}$/,
        'a worker attribute name: letters, digits and _, not starting with a digit, at most 64',
      )
      .optional(),
  ),
  ELIGIBILITY_MAX_READS_PER_SECOND: positiveInt(50),
  ELIGIBILITY_MAX_WRITES_PER_SECOND: positiveInt(25),
  ELIGIBILITY_RESYNC_HOURS: positiveInt(24),

  CALLBACK_CALLER_ID: optionalString.pipe(
    z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number on the account, e.g. +15005550006')
      .optional(),
  ),
  OUTBOUND_ACCOUNT_CPS: z.coerce
    .number('calls per second')
    .positive('more than 0')
    .max(1000)
    .default(1),
  OUTBOUND_CPS_SHARE_PERCENT: z.coerce
    .number('a percentage')
    .gt(0, 'more than 0')
    .max(100, 'at most 100')
    .default(100),
  EVENT_STREAMS_SINK: z.enum(['auto', 'off']).default('off'),
  EVENT_STREAMS_BASIC_AUTH: optionalString.pipe(
    z
      .string()
      .regex(/^[^:@/\s]+:[^@/\s]{16,}$/, 'user:password, the password at least 16 characters')
      .optional(),
  ),

  SURVEY_MESSAGING_SERVICE_SID: optionalString.pipe(
    z
      .string()
      .regex(/^MG[0-9a-fA-F]{32}$/, 'a Messaging Service SID (MG and 32 hex digits)')
      .optional(),
  ),
  SURVEY_FROM_NUMBER: optionalString.pipe(
    z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'a number in E.164 (+ and the country code)')
      .optional(),
  ),
  SURVEY_KEYWORD_REPLIES: z.enum(['twilio', 'holdline']).default('twilio'),
  SURVEY_HELP_TEXT: optionalString.pipe(z.string().max(320).optional()),
  SURVEY_MIN_INTERVAL_HOURS: nonNegativeInt(24),
  SURVEY_SEND_INTERVAL_SECONDS: positiveInt(5),

  REP_EMPTY_ROUND_PAUSE_SECONDS: positiveInt(5),
  ANTI_STARVATION_SECONDS: nonNegativeInt(0),
});

export type EnvValues = z.output<typeof envSchema>;

/** The environment as read: a variable set to nothing has already been removed. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Each variable on its own, so a bad one hides neither the others nor the rules across them. */
export function parseEachVariable(env: Env): { values: Partial<EnvValues>; problems: string[] } {
  const values: Partial<Record<keyof EnvValues, unknown>> = {};
  const problems: string[] = [];
  for (const [name, schema] of Object.entries(envSchema.shape)) {
    const result = schema.safeParse(env[name]);
    if (result.success) values[name as keyof EnvValues] = result.data;
    else {
      for (const issue of result.error.issues) {
        problems.push(`${[name, ...issue.path].join('.')}: ${issue.message}`);
      }
    }
  }
  return { values: values as Partial<EnvValues>, problems };
}
