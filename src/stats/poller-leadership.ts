import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.js';
import { createOutageLog, type OutageMetrics } from '../redis/outage-log.js';

/** lost: the lock holds another token (or none); expired: Redis unreachable for a ttl; stopped: the signal. */
export type DeposedReason = 'lost' | 'expired' | 'stopped';

export interface LeadershipHandlers {
  /** This process is the leader from now on (start polling). */
  onElected(token: string): void;
  /** It no longer is (stop polling at once; its writes are fenced off already). */
  onDeposed(reason: DeposedReason): void;
  /** Abort to stop competing: the lock is released and the returned promise resolves. */
  readonly signal: AbortSignal;
}

/** The part of the leader lock the loop drives (createLeaderLock in poller-lock.ts). */
export interface LeadershipLock {
  readonly key: string;
  /** SET key token NX PX ttl; true when this process holds the lock (also when it already did). */
  acquire(): Promise<boolean>;
  /** Extends the ttl if the lock still holds our token; false (and the term is over) otherwise. */
  renew(): Promise<boolean>;
  /** Deletes the key if it still holds our token. Rejects if Redis is away (the ttl then frees it). */
  release(): Promise<void>;
  /**
   * The token while this process holds the lock, else undefined. It turns undefined on its own
   * once a ttl has passed since the last successful renewal was sent: a holder that cannot reach
   * Redis must assume the lock has gone to someone else.
   */
  token(): string | undefined;
  /** How long the current hold lasts without another renewal (0 when not held). */
  remainingMs(): number;
}

/**
 * While not leader, tries to acquire every renewal period; while leader, renews every period.
 * Deposition is reported the moment it is known: a renewal that finds another token, or the end
 * of the hold when renewals have failed for a whole ttl (a timer, not the next tick). Never
 * rejects; Redis failures are logged without flooding the log.
 */
export async function runForLeadership(
  lock: LeadershipLock,
  options: {
    readonly logger: Logger;
    readonly renewIntervalMs: number;
    readonly metrics?: OutageMetrics;
  },
  handlers: LeadershipHandlers,
): Promise<void> {
  const { logger } = options;
  const { signal } = handlers;
  const outage = createOutageLog({
    logger,
    subject: `leader lock ${lock.key}`,
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
  });
  let leader = false;
  let expiry: NodeJS.Timeout | undefined;

  const call = (name: string, handler: () => void) => {
    try {
      handler();
    } catch (error) {
      logger.error({ err: error, key: lock.key }, `leader lock: ${name} handler threw`);
    }
  };
  const holdUntilExpiry = () => {
    clearTimeout(expiry);
    // Timers run on the event loop's millisecond clock and can fire a little before the lock's
    // own (monotonic, sub-millisecond) reckoning ends the hold: wait out any remainder, so that
    // "deposed" is never reported while token() still answers.
    expiry = setTimeout(
      () => (lock.token() === undefined ? deposed('expired') : holdUntilExpiry()),
      lock.remainingMs() + 1,
    );
  };
  const elected = (token: string) => {
    leader = true;
    holdUntilExpiry();
    logger.info({ key: lock.key, lockToken: token }, 'leader lock: elected');
    call('onElected', () => handlers.onElected(token));
  };
  function deposed(reason: DeposedReason): void {
    clearTimeout(expiry);
    if (!leader) return;
    leader = false;
    const log = reason === 'stopped' ? logger.info.bind(logger) : logger.warn.bind(logger);
    log({ key: lock.key, reason }, 'leader lock: no longer the leader');
    call('onDeposed', () => handlers.onDeposed(reason));
  }

  while (!signal.aborted) {
    try {
      if (!leader) {
        const token = (await lock.acquire()) ? lock.token() : undefined;
        // Says that this process competes while another leads (tests wait for it).
        if (token === undefined) logger.debug({ key: lock.key }, 'leader lock: held by another');
        else if (!signal.aborted) elected(token);
      } else if (await lock.renew()) {
        if (leader) holdUntilExpiry();
      } else {
        deposed('lost');
      }
      outage.succeeded();
    } catch (error) {
      outage.failed(error); // while leader, the expiry timer deposes once the hold runs out
    }
    await sleep(options.renewIntervalMs, undefined, { signal }).catch(() => undefined);
  }
  deposed('stopped');
  try {
    await lock.release();
  } catch (error) {
    logger.warn(
      { err: error, key: lock.key },
      'leader lock: release failed; the lock frees itself when its ttl runs out',
    );
  }
}
