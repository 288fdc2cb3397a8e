import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { settleCallbacks } from '../dialer/callback-dialing.js';
import type { Logger } from '../logger.js';
import type { Backend } from './backend.js';

/** How often the callbacks are looked at: a due one waits at most this long for its call. */
const SETTLE_EVERY_MS = 2_000;

interface CallbackDialingOptions {
  config: Config;
  logger: Logger;
  clock: Clock;
  backend: Pick<Backend, 'callbacks' | 'campaigns' | 'control' | 'stats' | 'metadata'>;
}

/**
 * One look at the callbacks as this process makes it (a look already under way is joined, not
 * doubled); undefined without CALLBACK_CALLER_ID. The timer below runs it; an end-to-end test
 * runs it on a clock of its own.
 */
export function createCallbackLook(
  options: CallbackDialingOptions,
): (() => Promise<void>) | undefined {
  const { config, backend } = options;
  const callerId = config.outbound.callbackCallerId;
  if (callerId === undefined) return undefined;
  const logger = options.logger.child({ component: 'callbacks' });
  let running: Promise<void> | undefined;
  return () =>
    (running ??= settleCallbacks({
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
      }));
}

/**
 * Dials callers' callbacks when they are due, through the outbound campaigns (one small campaign
 * per callback: docs/callbacks.md), in the processes that dial. Without CALLBACK_CALLER_ID
 * nothing is started: callbacks are kept and listed, not dialed.
 */
export function startCallbackDialing(options: CallbackDialingOptions & { everyMs?: number }): {
  stop(): Promise<void>;
} {
  const look = createCallbackLook(options);
  if (look === undefined) {
    options.logger
      .child({ component: 'callbacks' })
      .info('CALLBACK_CALLER_ID is not set: callbacks are kept, not dialed');
    return { stop: () => Promise.resolve() };
  }
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    running = look();
  }, options.everyMs ?? SETTLE_EVERY_MS);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
