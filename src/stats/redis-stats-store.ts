import type { Redis } from 'ioredis';
import { systemClock, type Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { StatsSnapshot } from './queue-stats.js';
import { requireFailFast, untilReady } from '../redis/client-options.js';
import { createOutageLog, type OutageLog, type OutageMetrics } from '../redis/outage-log.js';
import { evalReadSnapshot, evalWriteSnapshot } from './redis-snapshot-commands.js';
import { RefreshSchedule } from './refresh-schedule.js';
import { decodeReadReply, redisStatsKeys } from './redis-snapshot-format.js';
import type { StatsStore } from './stats-store.js';
import { createSubscription, type Subscription } from '../redis/subscription.js';
import { LockLostError, type WriteFence } from '../redis/write-fence.js';

export { LockLostError, type WriteFence };

export interface RedisStatsStoreOptions {
  /** The command connection, owned by the caller; must be fail-fast (failFastRedisOptions). */
  readonly redis: Redis;
  /**
   * A connection for change notices, owned by the caller; autoResubscribe must be false
   * (failFastRedisOptions). By default one of our own.
   */
  readonly subscriber?: Redis;
  /** Namespaces every key and channel, e.g. 'holdline:'. */
  readonly keyPrefix: string;
  /** Re-read period, for notices missed while the subscriber was away. */
  readonly refreshIntervalMs: number;
  readonly logger: Logger;
  /** Given: writes succeed only while this process holds the poller lock. */
  readonly writeFence?: WriteFence;
  /** For status().lastReadAt. */
  readonly clock?: Clock;
  /** Outage reminders at most this often (default one a minute). */
  readonly outageWarnEveryMs?: number;
  readonly metrics?: OutageMetrics;
}

export interface RedisStoreStatus {
  /** A read has succeeded, the last one did, and the connection is up. */
  readonly reachable: boolean;
  /** Epoch ms of the last successful read. */
  readonly lastReadAt?: number;
  /** Why the last read failed, or why its value was ignored. */
  readonly lastError?: string;
}

interface Held {
  readonly revision: number;
  readonly snapshot: StatsSnapshot;
}

export function createRedisStatsStore(options: RedisStatsStoreOptions): RedisStatsStore {
  return new RedisStatsStore(options);
}

/**
 * The stats cache shared by many processes. The poller writes one snapshot per cycle (one hash:
 * revision + JSON, replaced whole) and announces it; every process keeps the newest snapshot it
 * has read in memory, so the call path never waits on Redis and keeps answering through an
 * outage. readSnapshot() is a real read (readiness, API) and fails fast when Redis is away.
 *
 * A class: it holds the snapshot and what the last read found; when it reads is the
 * RefreshSchedule's.
 */
export class RedisStatsStore implements StatsStore {
  private readonly redis: Redis;
  private readonly logger: Logger;
  private readonly keys: ReturnType<typeof redisStatsKeys>;
  private readonly clock: Clock;
  private readonly outage: OutageLog;
  private readonly subscription: Subscription;
  private held: Held | undefined;
  private lastReadAt: number | undefined;
  private lastError: string | undefined;
  private lastReadFailed = false;
  private lastMalformed: string | undefined;
  private readonly refreshes = new RefreshSchedule(
    () => this.read().catch(() => undefined), // recorded in status() and the outage log
  );

  constructor(private readonly options: RedisStatsStoreOptions) {
    this.redis = options.redis;
    this.logger = options.logger;
    requireFailFast(this.redis, 'the Redis stats store');
    this.keys = redisStatsKeys(options.keyPrefix);
    this.clock = options.clock ?? systemClock;
    this.outage = createOutageLog({
      logger: this.logger,
      subject: 'stats store refresh',
      warnEveryMs: options.outageWarnEveryMs,
      ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    });
    this.subscription = createSubscription({
      redis: this.redis,
      subscriber: options.subscriber,
      channel: this.keys.channel,
      logger: this.logger,
      onNotice: () => this.refreshes.request('notice'),
    });
  }

  currentSnapshot(): StatsSnapshot | undefined {
    return this.held?.snapshot;
  }

  /**
   * A real read; then the newest snapshot this process knows, which is the one in Redis unless
   * Redis lost it (restarted empty) or holds an older or malformed one.
   */
  async readSnapshot(): Promise<StatsSnapshot | undefined> {
    await this.read();
    return this.held?.snapshot;
  }

  async writeSnapshot(snapshot: StatsSnapshot): Promise<void> {
    const json = JSON.stringify(snapshot);
    await untilReady(this.redis);
    const revision = await evalWriteSnapshot(this.redis, this.keys, json, this.options.writeFence);
    this.hold({ revision, snapshot });
  }

  /** Subscribes, starts the refresh timer and makes the first read. Resolves even if Redis is down. */
  async start(): Promise<void> {
    if (!this.refreshes.startTimer(this.options.refreshIntervalMs)) return;
    // Subscribed before the first read, so nothing written in between goes unannounced.
    await this.subscription.start();
    this.refreshes.request('notice');
    await this.refreshes.idle();
  }

  /** Stops the timer and the subscription; closes the subscriber if it is ours. */
  async close(): Promise<void> {
    this.refreshes.stop();
    await this.subscription.close();
    await this.refreshes.idle();
  }

  status(): RedisStoreStatus {
    const { lastReadAt, lastError } = this;
    return {
      reachable: lastReadAt !== undefined && !this.lastReadFailed && this.redis.status === 'ready',
      ...(lastReadAt === undefined ? {} : { lastReadAt }),
      ...(lastError === undefined ? {} : { lastError }),
    };
  }

  /** Newer revisions only: replies can race, and Redis may briefly serve an older value. */
  private hold(candidate: Held): void {
    if (this.held === undefined || candidate.revision > this.held.revision) this.held = candidate;
  }

  private async read(): Promise<void> {
    try {
      await untilReady(this.redis);
      const reply = await evalReadSnapshot(this.redis, this.keys, this.held?.revision);
      this.lastReadAt = this.clock.now();
      this.lastReadFailed = false;
      this.lastError = undefined;
      this.outage.succeeded();
      this.accept(reply);
    } catch (error) {
      this.lastReadFailed = true;
      this.lastError = error instanceof Error ? error.message : String(error);
      this.outage.failed(error);
      throw error;
    }
  }

  private accept(reply: unknown): void {
    const result = decodeReadReply(reply);
    if (result.kind === 'snapshot') this.hold(result);
    if (result.kind !== 'malformed') return;
    this.lastError = `ignored a malformed snapshot in Redis (${result.problem})`;
    if (result.fingerprint === this.lastMalformed) return;
    this.lastMalformed = result.fingerprint;
    this.logger.error(
      { key: this.keys.snapshot, problem: result.problem },
      'stats store: malformed snapshot in Redis ignored; keeping the one held',
    );
  }
}
