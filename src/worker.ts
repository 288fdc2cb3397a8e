import { createLogger } from './logger.js';
import { loadConfigOrExit } from './startup.js';

/**
 * The Procfile's `worker` process: in the many-process deployment it runs the background work
 * (the queue-stats poller, issue #3) so that `web` processes stay stateless. Until that work
 * exists it validates the configuration, says so, and idles until it is told to stop.
 */
function main(): void {
  const config = loadConfigOrExit(process.env);
  const logger = createLogger({ level: config.logLevel });
  logger.warn(
    { mode: config.mode },
    'worker started with no background jobs yet (the stats poller comes with issue #3)',
  );
  const idle = setInterval(() => undefined, 60_000);
  const stop = (signal: string) => {
    clearInterval(idle);
    logger.info({ signal }, 'worker stopped');
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main();
