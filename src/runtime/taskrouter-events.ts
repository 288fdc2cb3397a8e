import { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { EventInbox } from '../taskrouter/event-inbox.js';
import { createMemoryEventInbox, createRedisEventInbox } from '../taskrouter/event-inbox.js';
import type { TaskRouterEventListener } from '../taskrouter/events-route.js';

/** The channel on which web processes ask the polling worker for a cycle now (Redis mode). */
export const refreshChannel = (keyPrefix: string) => `${keyPrefix}poller:refresh`;

/**
 * What the server does with TaskRouter events: a queue created or deleted brings a poll at once,
 * so the stats cache's queue list follows within a cycle, not a period. Embedded: this process's
 * poller. Redis: a message the polling worker listens for (see listenForRefreshRequests).
 */
export function openTaskRouterEvents(deps: {
  config: Config;
  logger: Logger;
  redis: Redis | undefined;
  polling: { refreshSoon(): void } | undefined;
  /** Eligibility's listener, when it is on: it starts the jobs an event calls for. */
  eligibility?: TaskRouterEventListener;
}): { inbox: EventInbox; listener: TaskRouterEventListener } {
  const { config, redis, logger } = deps;
  const shared = config.redis !== undefined && redis !== undefined;
  const refreshSoon = () => {
    if (!shared) {
      deps.polling?.refreshSoon();
      return;
    }
    redis.publish(refreshChannel(config.redis.keyPrefix), 'queue-list').catch((error: unknown) => {
      logger.warn({ err: error }, 'could not ask the poller for a cycle; it comes at its period');
    });
  };
  return {
    inbox: shared
      ? createRedisEventInbox({ redis, keyPrefix: config.redis.keyPrefix })
      : createMemoryEventInbox(),
    listener: async (event) => {
      if (event.type === 'task-queue.created' || event.type === 'task-queue.deleted') {
        refreshSoon();
      }
      await deps.eligibility?.(event);
    },
  };
}

/**
 * The worker's side: a subscriber connection of its own (a subscribed connection can do
 * nothing else) that turns each request into a cycle now, when this worker is the poller.
 */
export function listenForRefreshRequests(deps: {
  config: Config;
  logger: Logger;
  polling: { refreshSoon(): void };
}): { close(): void } {
  const { config } = deps;
  if (config.redis === undefined) return { close: () => undefined };
  // Not fail-fast: the subscription waits for the connection, and ioredis renews it after
  // every reconnect.
  const subscriber = new Redis(config.redis.url);
  subscriber.on('error', () => undefined); // reconnects by itself; outages show in the poller's logs
  const channel = refreshChannel(config.redis.keyPrefix);
  subscriber.subscribe(channel).catch((error: unknown) => {
    deps.logger.warn({ err: error }, 'could not listen for poll requests; polling at the period');
  });
  subscriber.on('message', (from: string) => {
    if (from === channel) deps.polling.refreshSoon();
  });
  return { close: () => subscriber.disconnect() };
}
