import { randomUUID } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';

/*
 * Redis for the suites that need one. jest.config.js runs the default export once as
 * globalSetup; it records the answer in the environment, which the test workers inherit.
 * This module imports nothing from src: globalSetup is loaded without jest's module mapper.
 */

/** The Redis the tests use: TEST_REDIS_URL, else the one CI and the dev machines run locally. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const AVAILABILITY = 'HOLDLINE_TEST_REDIS';

/**
 * Checks once that Redis answers. Not reachable: on CI (CI=true) the whole run fails, because
 * there the Redis suites must run; elsewhere they are skipped, with one notice.
 */
export default async function checkTestRedis(): Promise<void> {
  const problem = await ping(TEST_REDIS_URL);
  process.env[AVAILABILITY] = problem === undefined ? 'up' : 'down';
  if (problem === undefined) return;
  const where = `Redis at ${TEST_REDIS_URL} (TEST_REDIS_URL) is not reachable: ${problem}`;
  if (process.env.CI === 'true') {
    throw new Error(`${where}. On CI the Redis-backed suites must run; start Redis first.`);
  }
  process.stderr.write(
    `\n[holdline tests] ${where}. Skipping the Redis-backed suites (on CI this fails the run).\n\n`,
  );
}

async function ping(url: string): Promise<string | undefined> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2000,
    commandTimeout: 2000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let cause: Error | undefined; // "connect ECONNREFUSED …" says more than "Connection is closed."
  redis.on('error', (error: Error) => (cause = error));
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    return (cause ?? (error as Error)).message.replace(/\.$/, '');
  } finally {
    redis.disconnect();
  }
}

/** `describe` when the test Redis is up, `describe.skip` when globalSetup found it down. */
export function describeWithRedis(name: string, suite: () => void): void {
  (process.env[AVAILABILITY] === 'down' ? describe.skip : describe)(name, suite);
}

export interface RedisTestContext {
  /** This suite's key prefix, random: suites share the Redis (and the Redis is not only ours). */
  readonly prefix: string;
  /** A prefix of its own for one test, under the suite's (cleaned up with it). */
  freshPrefix(): string;
  /** A connection to the test Redis (or `url`), closed after the suite. */
  connect(options?: RedisOptions, url?: string): Redis;
  /** Errors the connections reported (connection resets during outage tests, …). */
  readonly connectionErrors: Error[];
}

/**
 * Call inside a describe: after the suite, deletes every key under its prefix (SCAN + UNLINK,
 * never FLUSHDB) and closes every connection it handed out, so jest exits by itself.
 */
export function useRedis(): RedisTestContext {
  const prefix = `holdline-test:${randomUUID()}:`;
  const connections: Redis[] = [];
  const connectionErrors: Error[] = [];
  let count = 0;

  afterAll(async () => {
    const admin = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
    try {
      await deleteKeysByPrefix(admin, prefix);
    } finally {
      admin.disconnect();
      // Not twice: ioredis leaves a 2 s timer behind when asked to close a closed connection.
      for (const connection of connections)
        if (connection.status !== 'end') connection.disconnect();
    }
  });

  return {
    prefix,
    freshPrefix: () => `${prefix}${++count}:`,
    connect(options = {}, url = TEST_REDIS_URL) {
      const connection = new Redis(url, options);
      connection.on('error', (error: Error) => connectionErrors.push(error));
      connections.push(connection);
      return connection;
    },
    connectionErrors,
  };
}

export async function deleteKeysByPrefix(redis: Redis, prefix: string): Promise<void> {
  const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}
