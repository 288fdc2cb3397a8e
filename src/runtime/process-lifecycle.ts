import type { Logger } from '../logger.js';

/** How long a process gets to stop cleanly after SIGTERM before it exits anyway. */
export const SHUTDOWN_GRACE_MS = 10_000;

/** The few things of `process` the entry files' start and stop use (tests pass a fake). */
export interface ProcessControl {
  exit(code: number): void;
  once(signal: 'SIGTERM' | 'SIGINT', listener: () => void): void;
  writeError(text: string): void;
}

export const realProcess: ProcessControl = {
  exit: (code) => process.exit(code),
  once: (signal, listener) => process.once(signal, listener),
  writeError: (text) => process.stderr.write(text),
};

/**
 * Runs an entry file's main: a start-up that fails ends the process with exit code 1 and one
 * line saying why, before a supervisor restarts it (not an unhandled rejection's stack).
 */
export function runMain(
  name: string,
  main: () => Promise<void>,
  control: ProcessControl = realProcess,
): void {
  main().catch((error: unknown) => {
    control.writeError(`${name} failed to start: ${String(error)}\n`);
    control.exit(1);
  });
}

/**
 * On SIGTERM or SIGINT, runs `stop` once and exits 0 when it is done; exits 1 when it fails or
 * has not finished after the grace period (a stuck request, a Redis that does not answer), so
 * a supervisor's restart is never held up for long.
 */
export function stopOnSignals(options: {
  logger: Logger;
  stop: (signal: string) => Promise<void>;
  graceMs?: number;
  control?: ProcessControl;
}): void {
  const { logger, stop, graceMs = SHUTDOWN_GRACE_MS, control = realProcess } = options;
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      logger.warn({ graceMs }, 'did not stop within the grace period; exiting');
      control.exit(1);
    }, graceMs).unref();
    stop(signal).then(
      () => control.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'stopping failed; exiting');
        control.exit(1);
      },
    );
  };
  control.once('SIGTERM', () => onSignal('SIGTERM'));
  control.once('SIGINT', () => onSignal('SIGINT'));
}
