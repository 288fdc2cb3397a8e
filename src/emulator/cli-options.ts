import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { StartEmulatorOptions } from './emulator-options.js';
import type { FaultOptionsInput } from './fault-options.js';

export const USAGE = `Usage: npm run emulator -- [options]

A local Twilio REST emulator (TaskRouter Workspace, TaskQueues + statistics, Workers; Voice
Queues) on loopback, with signed TaskRouter event callbacks.
Credentials come from TWILIO_ACCOUNT_SID / TWILIO_AUTH_TOKEN, or are invented and printed.

Workspace:
  --queues N             generate N queues (default 2: premium-customers, customers)
  --queue-names a,b,c    generate queues with these names
  --workers N            generate N TaskRouter workers (default 8; 0 = none)
  --fixture FILE         load the workspace from a JSON fixture (see src/emulator/README.md)
  --seed N               seed for generated numbers and the demo's walk (default 1)
  --workspace-sid WS…    use this workspace SID
Server:
  --port N               listen port (default 4010; 0 = any free port)
  --host H               listen address (default 127.0.0.1)
  --link-base twilio|self  absolute URLs in answers: Twilio's host (default) or this server
  --log-level L          pino level (default info; debug logs every request)
  --event-callback-url URL  POST signed TaskRouter events here (the Workspace's EventCallbackUrl)
Faults:
  --latency MS           added latency per request      --jitter MS   plus up to MS at random
  --rate-limit RPS       token bucket: requests/second  --burst N     bucket size
  --write-rate-limit RPS  writes (worker updates) get their own bucket
  --write-burst N        its size
  --no-retry-after       429s without Retry-After
  --error-share P        share of 500/503 answers (0..1)
  --drop-share P         share of dropped connections
  --malformed-share P    share of 200s with truncated JSON
  --fault-paths REGEX    shares apply only to paths matching REGEX
  --fault-seed N         seed for the fault dice (default 1)
  --help`;

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CliSettings {
  readonly options: StartEmulatorOptions;
  readonly fixtureFile: string | undefined;
  readonly logLevel: string;
  /** The token was made up here: printing it is the only way the user learns it. */
  readonly inventedToken: boolean;
  readonly help: boolean;
}

/** Flags and environment to emulator options; no I/O (the fixture file is read by the caller). */
export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  randomHex: (bytes: number) => string = (bytes) => randomBytes(bytes).toString('hex'),
): CliSettings {
  const { values } = parseArgs({
    args: [...argv],
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      queues: { type: 'string' },
      'queue-names': { type: 'string' },
      workers: { type: 'string' },
      'event-callback-url': { type: 'string' },
      fixture: { type: 'string' },
      seed: { type: 'string' },
      'workspace-sid': { type: 'string' },
      'link-base': { type: 'string' },
      'log-level': { type: 'string' },
      latency: { type: 'string' },
      jitter: { type: 'string' },
      'rate-limit': { type: 'string' },
      burst: { type: 'string' },
      'write-rate-limit': { type: 'string' },
      'write-burst': { type: 'string' },
      'no-retry-after': { type: 'boolean' },
      'error-share': { type: 'string' },
      'drop-share': { type: 'string' },
      'malformed-share': { type: 'string' },
      'fault-paths': { type: 'string' },
      'fault-seed': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (
    values.fixture !== undefined &&
    (values.queues !== undefined || values['queue-names'] !== undefined)
  ) {
    throw new UsageError('--fixture cannot be combined with --queues or --queue-names');
  }
  if (values.fixture !== undefined && values.workers !== undefined) {
    throw new UsageError('--fixture cannot be combined with --workers (list them in the fixture)');
  }
  const linkBase = values['link-base'] ?? 'twilio';
  if (linkBase !== 'twilio' && linkBase !== 'self') {
    throw new UsageError(`--link-base must be twilio or self (got "${linkBase}")`);
  }
  const seed = integer(values.seed, '--seed') ?? 1;
  const givenToken = nonBlank(env.TWILIO_AUTH_TOKEN);
  const queueNames = values['queue-names']
    ?.split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');

  return {
    options: {
      accountSid: nonBlank(env.TWILIO_ACCOUNT_SID) ?? `AC${randomHex(16)}`,
      authToken: givenToken ?? randomHex(16),
      workspaceSid: values['workspace-sid'],
      workspace:
        values.fixture === undefined
          ? {
              seed,
              queueNames,
              queueCount: integer(values.queues, '--queues'),
              workerCount: integer(values.workers, '--workers'),
            }
          : undefined,
      port: integer(values.port, '--port') ?? 4010,
      host: values.host ?? '127.0.0.1',
      linkBase,
      eventCallbackUrl: values['event-callback-url'],
      faults: faultOptions(values),
    },
    fixtureFile: values.fixture,
    logLevel: values['log-level'] ?? 'info',
    inventedToken: givenToken === undefined,
    help: values.help === true,
  };
}

function faultOptions(values: Record<string, string | boolean | undefined>): FaultOptionsInput {
  const text = (name: string) => values[name] as string | undefined;
  const latency = integer(text('latency'), '--latency');
  const jitter = integer(text('jitter'), '--jitter');
  const rate = decimal(text('rate-limit'), '--rate-limit');
  const burst = integer(text('burst'), '--burst');
  const writeRate = decimal(text('write-rate-limit'), '--write-rate-limit');
  const writeBurst = integer(text('write-burst'), '--write-burst');
  if (rate === undefined && writeRate === undefined && values['no-retry-after'] === true) {
    throw new UsageError('--no-retry-after needs --rate-limit or --write-rate-limit');
  }
  if (rate === undefined && burst !== undefined) {
    throw new UsageError('--burst and --no-retry-after need --rate-limit');
  }
  if (writeRate === undefined && writeBurst !== undefined) {
    throw new UsageError('--write-burst needs --write-rate-limit');
  }
  return {
    latency:
      latency === undefined && jitter === undefined
        ? undefined
        : { fixedMs: latency ?? 0, jitterMs: jitter ?? 0 },
    rateLimit:
      rate === undefined
        ? undefined
        : { requestsPerSecond: rate, burst, retryAfter: values['no-retry-after'] !== true },
    writeRateLimit:
      writeRate === undefined
        ? undefined
        : {
            requestsPerSecond: writeRate,
            burst: writeBurst,
            retryAfter: values['no-retry-after'] !== true,
          },
    serverErrorShare: decimal(text('error-share'), '--error-share') ?? 0,
    dropShare: decimal(text('drop-share'), '--drop-share') ?? 0,
    malformedShare: decimal(text('malformed-share'), '--malformed-share') ?? 0,
    pathPattern: text('fault-paths'),
    seed: integer(text('fault-seed'), '--fault-seed') ?? 1,
  };
}

function integer(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()))
    throw new UsageError(`${flag} must be a whole number (got "${text}")`);
  return Number(text);
}

function decimal(text: string | undefined, flag: string): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) {
    throw new UsageError(`${flag} must be a number (got "${text}")`);
  }
  return value;
}

function nonBlank(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
