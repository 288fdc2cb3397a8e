import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import { untilReady } from './client-options.js';

export interface SubscriptionOptions {
  /** The command connection: when it comes back after an outage, that is news too. */
  readonly redis: Redis;
  /**
   * The caller's subscriber connection (autoResubscribe: false, as failFastRedisOptions makes
   * it: the channel is renewed here); without one, a duplicate of `redis` that we own.
   */
  readonly subscriber?: Redis;
  readonly channel: string;
  readonly logger: Logger;
  /** Something may have changed: a notice arrived, or a connection is back and notices were lost. */
  readonly onNotice: () => void;
}

export interface Subscription {
  /** Subscribes; waits for the subscriber to connect at most the connection's commandTimeout. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Change notices for one channel. Pub/sub delivers at most once and nothing while disconnected,
 * so every reconnection (of either connection) also counts as a notice: the owner re-reads.
 */
export function createSubscription(options: SubscriptionOptions): Subscription {
  const { redis, channel, logger, onNotice } = options;
  const owned = options.subscriber === undefined;
  // Refused now rather than found as a crash during an outage (see failFastRedisOptions).
  if (options.subscriber !== undefined && options.subscriber.options.autoResubscribe !== false) {
    throw new Error(
      'change notices need a subscriber connection with autoResubscribe: false; create it with failFastRedisOptions()',
    );
  }
  let subscriber: Redis | undefined;

  const onMessage = (from: string) => {
    if (from === channel) onNotice();
  };
  const onError = (error: Error) => {
    // The store's outage log reports the outage; this connection's own errors are detail.
    logger.debug({ err: error.message, channel }, 'stats notices: subscriber connection error');
  };
  const onSubscriberReady = () => {
    void subscribe().then((ok) => {
      if (ok) onNotice();
    });
  };

  async function subscribe(): Promise<boolean> {
    try {
      await subscriber?.subscribe(channel);
      return true;
    } catch (error) {
      logger.debug({ err: (error as Error).message, channel }, 'stats notices: subscribe failed');
      return false;
    }
  }

  return {
    async start() {
      if (subscriber !== undefined) return;
      // Ours renews the channel on 'ready' (onSubscriberReady), never ioredis: see failFastRedisOptions.
      const sub = options.subscriber ?? redis.duplicate({ autoResubscribe: false });
      subscriber = sub;
      sub.on('message', onMessage);
      if (owned) sub.on('error', onError);
      await untilReady(sub, redis.options.commandTimeout);
      if (sub.status === 'ready') await subscribe();
      if (subscriber !== sub) return; // closed meanwhile
      sub.on('ready', onSubscriberReady);
      redis.on('ready', onNotice);
    },

    async close() {
      const sub = subscriber;
      if (sub === undefined) return;
      subscriber = undefined;
      redis.off('ready', onNotice);
      sub.off('ready', onSubscriberReady);
      sub.off('message', onMessage);
      if (owned) {
        sub.disconnect();
      } else {
        await sub.unsubscribe(channel).catch(() => undefined);
      }
    },
  };
}
