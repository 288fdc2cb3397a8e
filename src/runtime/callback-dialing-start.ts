import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { settleCallbacks } from '../dialer/callback-dialing.js';
import type { Logger } from '../logger.js';
import type { Backend } from './backend.js';

/** How often the callbacks are looked at: a due one waits at most this long for its call. */
const SETTLE_EVERY_MS = 2_000;

/**
 * Dials callers' callbacks when they are due, through the outbound campaigns (one small campaign
 * per callback: docs/callbacks.md), in the processes that dial. Without CALLBACK_CALLER_ID
 * nothing is started: callbacks are kept and listed, not dialed.
 */
export function startCallbackDialing(options: {
  config: Config;
  logger: Logger;
  clock: Clock;
  backend: Pick<Backend, 'callbacks' | 'campaigns' | 'control' | 'stats' | 'metadata'>;
  everyMs?: number;
}): { stop(): Promise<void> } {
  const { config, backend } = options;
  const callerId = config.outbound.callbackCallerId;
  const logger = options.logger.child({ component: 'callbacks' });
  if (callerId === undefined) {
    logger.info('CALLBACK_CALLER_ID is not set: callbacks are kept, not dialed');
    return { stop: () => Promise.resolve() };
  }
  let running: Promise<void> | undefined;
  const look = () => {
    running ??= settleCallbacks({
      callbacks: backend.callbacks,
      campaigns: backend.campaigns,
      control: backend.control,
      snapshot: () => backend.stats.currentSnapshot(),
      metadata: async (queue) => (await backend.metadata.get(queue))?.metadata,
      callerId,
      refreshSeconds: config.statsRefreshSeconds,
      clock: options.clock,
      logger,
    })
      .catch((error: unknown) => logger.warn({ err: error }, 'callback look failed; next one soon'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(look, options.everyMs ?? SETTLE_EVERY_MS);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
