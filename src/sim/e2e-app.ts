import { createApp } from '../app.js';
import type { Clock } from '../clock.js';
import { loadConfig, type Config } from '../config.js';
import { createAppServer } from '../http/app-server.js';
import { createLogger } from '../logger.js';
import { createWaitEstimation } from '../runtime/wait-estimation.js';
import { createMemoryStatsStore } from '../stats/memory-stats-store.js';
import { findFreePort } from './free-port.js';

/**
 * The app as the server builds it in embedded mode, listening on a loopback port, but on a clock
 * the simulation moves: the end-to-end mode's target. No stats poller: the estimates come from
 * what the app learns of the calls it is played.
 */
export interface E2eApp {
  readonly baseUrl: string;
  readonly config: Config;
  readonly authToken: string;
  setClock(at: number): void;
  /** The app's wiring once more, for the driver's reference estimator. */
  referenceEstimation(): ReturnType<typeof createWaitEstimation>;
  stop(): Promise<void>;
}

export async function startE2eApp(options: {
  queues: readonly string[];
  premiumCaller: string;
  startAt: number;
}): Promise<E2eApp> {
  const authToken = 'e2e-auth-token-0123456789abcdef';
  let now = options.startAt;
  const clock: Clock = { now: () => now };
  // The port first: PUBLIC_BASE_URL (signatures, TwiML URLs) must name it.
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const config = loadConfig({
    PUBLIC_BASE_URL: baseUrl,
    QUEUES: options.queues.join(','),
    PREMIUM_CALLERS: options.premiumCaller,
  });
  const estimation = createWaitEstimation({ config, clock });
  const app = createApp({
    config,
    logger: createLogger({ level: 'warn' }),
    clock,
    stats: createMemoryStatsStore(),
    events: estimation.events,
    estimator: estimation.estimator,
    activity: estimation.activity,
    authToken,
    apiToken: undefined,
  });
  const server = createAppServer(app);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    baseUrl,
    config,
    authToken,
    setClock: (at) => (now = at),
    referenceEstimation: () => createWaitEstimation({ config, clock }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
