import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/registry.js';

export type OutageMetrics = Pick<Metrics, 'redisOutages' | 'redisDown'>;

export interface OutageLog {
  /** A Redis call failed: warns on the first failure, then at most once per `warnEveryMs`. */
  failed(error: unknown): void;
  /** A Redis call succeeded: after an outage, says once that Redis is back and for how long it was not. */
  succeeded(): void;
}

export interface OutageLogOptions {
  readonly logger: Logger;
  /** What is failing, for the log lines: "stats refresh", "leader lock". */
  readonly subject: string;
  readonly warnEveryMs?: number;
  /** Monotonic milliseconds; injectable for tests. */
  readonly now?: () => number;
  /** Counts each outage and shows whether one is going on, under `subject`. */
  readonly metrics?: OutageMetrics;
}

/**
 * A background job retries every few seconds; during a long outage one warning per attempt would
 * drown everything else. This keeps it to one line when it starts, a reminder now and then with
 * the count of failures, and one line when it ends.
 */
export function createOutageLog(options: OutageLogOptions): OutageLog {
  const { logger, subject } = options;
  const warnEveryMs = options.warnEveryMs ?? 60_000;
  const now = options.now ?? (() => performance.now());
  let outage: { startedAt: number; lastWarnAt: number; failures: number } | undefined;
  const outages = options.metrics?.redisOutages.labels({ subject });
  const down = options.metrics?.redisDown.labels({ subject });
  outages?.inc(0);
  down?.set(0);

  return {
    failed(error) {
      const at = now();
      const err = error instanceof Error ? error.message : String(error);
      if (outage === undefined) {
        outage = { startedAt: at, lastWarnAt: at, failures: 1 };
        outages?.inc();
        down?.set(1);
        logger.warn({ subject, err }, `${subject}: Redis unreachable; retrying in the background`);
        return;
      }
      outage.failures += 1;
      if (at - outage.lastWarnAt >= warnEveryMs) {
        outage.lastWarnAt = at;
        logger.warn(
          { subject, err, failures: outage.failures, outageMs: Math.round(at - outage.startedAt) },
          `${subject}: Redis still unreachable`,
        );
      }
    },
    succeeded() {
      if (outage === undefined) return;
      const { startedAt, failures } = outage;
      outage = undefined;
      down?.set(0);
      logger.info(
        { subject, failures, outageMs: Math.round(now() - startedAt) },
        `${subject}: Redis reachable again`,
      );
    },
  };
}
