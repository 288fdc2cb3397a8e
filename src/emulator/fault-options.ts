import { z } from 'zod';

/** The fault options and scripts as tests, the CLI and PUT /__emulator/faults give them. */

const share = z.number().min(0).max(1);

const rateLimitSchema = z
  .object({
    requestsPerSecond: z.number().positive(),
    /** Requests that may arrive at once; defaults to one second's worth. */
    burst: z.number().int().min(1).optional(),
    /** Send Retry-After with a 429 (Twilio does not always). */
    retryAfter: z.boolean().default(true),
  })
  .strict();

export type RateLimitOptions = z.output<typeof rateLimitSchema>;
const regexSource = z.string().refine(isRegex, 'must be a valid regular expression');

/**
 * Standing faults, changeable at runtime. Latency and the rate limits model the server as a
 * whole; the shares are dice thrown per request, only on paths that match `pathPattern` when it
 * is set. `rateLimit` covers every request, unless `writeRateLimit` is set: then writes (any
 * method but GET, such as a Worker update) take from their own bucket and reads from `rateLimit`.
 */
export const faultOptionsSchema = z
  .object({
    latency: z
      .object({
        fixedMs: z.number().int().min(0).default(0),
        jitterMs: z.number().int().min(0).default(0),
      })
      .strict()
      .optional(),
    rateLimit: rateLimitSchema.optional(),
    /** Writes' own limit (TaskRouter limits Worker updates apart from reads). */
    writeRateLimit: rateLimitSchema.optional(),
    /** Answers 500 or 503 (even odds). */
    serverErrorShare: share.default(0),
    /** Destroys the socket without an answer. */
    dropShare: share.default(0),
    /** Answers 200 with the JSON cut in half. */
    malformedShare: share.default(0),
    pathPattern: regexSource.optional(),
    seed: z.number().int().default(1),
  })
  .strict()
  .refine((o) => o.serverErrorShare + o.dropShare + o.malformedShare <= 1, {
    message: 'serverErrorShare + dropShare + malformedShare must not exceed 1',
  });

export type FaultOptionsInput = z.input<typeof faultOptionsSchema>;
export type FaultOptions = z.output<typeof faultOptionsSchema>;

const match = z.union([regexSource, z.instanceof(RegExp)]).optional();
const times = z.number().int().min(1).default(1);
/** Only requests with this method (e.g. POST, for writes); any method when absent. */
const method = z
  .string()
  .regex(/^[A-Za-z]+$/, 'must be an HTTP method')
  .transform((m) => m.toUpperCase())
  .optional();

/** "The next `times` requests whose path matches `match` answer `kind`." */
export const scriptedFaultSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('rate-limited'),
      /** Omitted: a 429 without Retry-After. */
      retryAfterSeconds: z.number().int().min(0).optional(),
      match,
      method,
      times,
    })
    .strict(),
  z
    .object({
      kind: z.literal('server-error'),
      status: z.union([z.literal(500), z.literal(503)]).default(500),
      match,
      method,
      times,
    })
    .strict(),
  z.object({ kind: z.literal('drop'), match, method, times }).strict(),
  z.object({ kind: z.literal('malformed'), match, method, times }).strict(),
  /** Holds the request this long, then answers it as usual. */
  z
    .object({ kind: z.literal('delay'), ms: z.number().int().min(0), match, method, times })
    .strict(),
]);

export type ScriptedFaultInput = z.input<typeof scriptedFaultSchema>;
export type ScriptedFault = z.output<typeof scriptedFaultSchema>;

/** A script still waiting for requests (`times` as given, `remaining` of them left). */
export type PendingScript = Omit<ScriptedFault, 'match'> & {
  readonly match: string | null;
  readonly remaining: number;
};

function isRegex(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}
