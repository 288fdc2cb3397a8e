import { performance } from 'node:perf_hooks';
import {
  faultOptionsSchema,
  scriptedFaultSchema,
  type FaultOptions,
  type FaultOptionsInput,
  type PendingScript,
  type RateLimitOptions,
  type ScriptedFault,
  type ScriptedFaultInput,
} from './fault-options.js';
import { createTokenBucket, type TokenBucket } from './rate-limit.js';
import { createSeededRandom, type Random } from '../lib/seeded-random.js';
import { parseWith } from './validation.js';

/**
 * The fault policy: for each Twilio request, how long to hold it and whether to answer it
 * with a fault instead. Scripts first (exact tests), then the rate limit, then the seeded
 * dice of the standing shares. fault-middleware.ts carries the decision out over HTTP.
 */

export type FaultOutcome =
  | { readonly kind: 'rate-limited'; readonly retryAfterSeconds: number | undefined }
  | { readonly kind: 'server-error'; readonly status: 500 | 503 }
  | { readonly kind: 'drop' }
  | { readonly kind: 'malformed' };

export interface FaultDecision {
  /** How long to hold the request before answering (latency plus any scripted delay). */
  readonly delayMs: number;
  /** A scripted delay was used up on this request. */
  readonly scriptedDelay: boolean;
  /** undefined: answer normally. */
  readonly outcome: FaultOutcome | undefined;
}

export interface FaultController {
  readonly options: FaultOptions;
  readonly pending: readonly PendingScript[];
  /** Replaces the standing options (omitted = off) and re-seeds the dice. */
  set(options?: FaultOptionsInput): void;
  /** Appends scripts (all or none); used up in order, each by the requests it matches. */
  script(...faults: readonly ScriptedFaultInput[]): void;
  clearScripts(): void;
  /** No standing faults, no scripts. */
  clear(): void;
  /** What happens to one request (GET unless `method` says); uses up scripts and tokens. */
  decide(path: string, method?: string): FaultDecision;
}

interface ActiveScript {
  readonly fault: ScriptedFault;
  readonly pattern: RegExp | undefined;
  remaining: number;
}

export function createFaultController(
  options: {
    initial?: FaultOptionsInput;
    /** Monotonic milliseconds for the rate limit; real time, whatever clock the workspace uses. */
    now?: () => number;
  } = {},
): FaultController {
  const now = options.now ?? (() => performance.now());
  let current = parseWith(faultOptionsSchema, options.initial ?? {}, 'fault options');
  let random: Random = createSeededRandom(current.seed);
  let bucket: TokenBucket | undefined;
  let writeBucket: TokenBucket | undefined;
  let pathPattern: RegExp | undefined;
  let scripts: ActiveScript[] = [];

  const apply = (next: FaultOptions) => {
    current = Object.freeze(next);
    random = createSeededRandom(next.seed);
    pathPattern = next.pathPattern === undefined ? undefined : new RegExp(next.pathPattern);
    bucket = bucketFor(next.rateLimit, now);
    writeBucket = bucketFor(next.writeRateLimit, now);
  };
  apply(current);

  const takeScript = (path: string, method: string): ScriptedFault | undefined => {
    const script = scripts.find(
      (s) =>
        (s.pattern === undefined || s.pattern.test(path)) &&
        (s.fault.method === undefined || s.fault.method === method),
    );
    if (script === undefined) return undefined;
    script.remaining -= 1;
    if (script.remaining === 0) scripts = scripts.filter((s) => s !== script);
    return script.fault;
  };

  const rollShares = (path: string): FaultOutcome | undefined => {
    const { serverErrorShare, dropShare, malformedShare } = current;
    if (serverErrorShare + dropShare + malformedShare === 0) return undefined;
    if (pathPattern !== undefined && !pathPattern.test(path)) return undefined;
    const roll = random();
    if (roll < serverErrorShare) {
      return { kind: 'server-error', status: random() < 0.5 ? 500 : 503 };
    }
    if (roll < serverErrorShare + dropShare) return { kind: 'drop' };
    if (roll < serverErrorShare + dropShare + malformedShare) return { kind: 'malformed' };
    return undefined;
  };

  return {
    get options() {
      return current;
    },
    get pending() {
      return scripts.map(({ fault, remaining }) => ({
        ...fault,
        match: fault.match === undefined ? null : regexText(fault.match),
        remaining,
      }));
    },
    set(next = {}) {
      apply(parseWith(faultOptionsSchema, next, 'fault options'));
    },
    script(...faults) {
      const parsed = faults.map((input, index) =>
        parseWith(scriptedFaultSchema, input, `scripted fault [${index}]`),
      );
      for (const fault of parsed) {
        const pattern =
          fault.match === undefined
            ? undefined
            : fault.match instanceof RegExp
              ? fault.match
              : new RegExp(fault.match);
        scripts.push({ fault, pattern, remaining: fault.times });
      }
    },
    clearScripts() {
      scripts = [];
    },
    clear() {
      scripts = [];
      apply(parseWith(faultOptionsSchema, {}, 'fault options'));
    },
    decide(path, method = 'GET') {
      const latency = current.latency;
      let delayMs =
        latency === undefined ? 0 : latency.fixedMs + Math.round(random() * latency.jitterMs);
      const verb = method.toUpperCase();
      const scripted = takeScript(path, verb);
      if (scripted?.kind === 'delay') delayMs += scripted.ms;
      const scriptedDelay = scripted?.kind === 'delay';
      if (scripted !== undefined && scripted.kind !== 'delay') {
        return { delayMs, scriptedDelay, outcome: outcomeOf(scripted) };
      }
      const isWrite = verb !== 'GET' && verb !== 'HEAD' && writeBucket !== undefined;
      const taken = isWrite ? writeBucket?.take() : bucket?.take();
      const limit = isWrite ? current.writeRateLimit : current.rateLimit;
      if (taken !== undefined && !taken.allowed) {
        const retryAfterSeconds =
          limit?.retryAfter === false
            ? undefined
            : Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
        return { delayMs, scriptedDelay, outcome: { kind: 'rate-limited', retryAfterSeconds } };
      }
      return { delayMs, scriptedDelay, outcome: rollShares(path) };
    },
  };
}

function bucketFor(
  limit: RateLimitOptions | undefined,
  now: () => number,
): TokenBucket | undefined {
  if (limit === undefined) return undefined;
  return createTokenBucket({
    requestsPerSecond: limit.requestsPerSecond,
    burst: limit.burst ?? Math.max(1, Math.ceil(limit.requestsPerSecond)),
    now,
  });
}

function outcomeOf(fault: Exclude<ScriptedFault, { kind: 'delay' }>): FaultOutcome {
  switch (fault.kind) {
    case 'rate-limited':
      return { kind: 'rate-limited', retryAfterSeconds: fault.retryAfterSeconds };
    case 'server-error':
      return { kind: 'server-error', status: fault.status };
    case 'drop':
      return { kind: 'drop' };
    case 'malformed':
      return { kind: 'malformed' };
  }
}

function regexText(match: string | RegExp): string {
  return match instanceof RegExp ? match.source : match;
}
