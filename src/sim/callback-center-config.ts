import { type ArrivalProcess, arrivalProblems } from './arrivals.js';
import { type Distribution, distributionProblems } from './distributions.js';

/**
 * How callers meet the callback offer and how their callbacks are dialed (docs/callbacks.md).
 * Times in seconds. Defaults are the product's: retries and attempts from the queue metadata's
 * absent values (src/dialer/callback-dialing.ts), the offer's turns from the hold loop's.
 */
export interface CallbackPolicy {
  /** Offer on an announcing turn whose estimate is above this (`callbackOfferSeconds`). */
  readonly offerSeconds: number;
  /** Share of callers offered who take it, decided once, at their first offer. */
  readonly takeShare: number;
  /**
   * `rep-held`: a free agent dials a callback once nobody still waiting entered before it, and is
   * held through the ringing. `when-due`: as the product dials (docs/callbacks.md): a look every
   * `lookSeconds` dials the callbacks the app's due rule finds due in the polled stats, with no
   * agent; an answered callee waits in the callback queue, which free agents take first.
   */
  readonly dialing?: 'rep-held' | 'when-due';
  /** Seconds between two looks of the `when-due` dialing (2, as runtime/callback-dialing-start). */
  readonly lookSeconds?: number;
  /** Chance that one call of a callback is answered. */
  readonly answerShare?: number;
  /** An answered call rings for a time drawn uniformly from [min, max] before it is picked up. */
  readonly ringSeconds?: { readonly min: number; readonly max: number };
  /** An unanswered call rings this long (the dialing's ring timeout) before it is given up. */
  readonly ringTimeoutSeconds?: number;
  /** Calls made for one callback before it fails (`callbackMaxAttempts`, default 3). */
  readonly maxAttempts?: number;
  /** Seconds from an unanswered call to the next (`callbackRetrySeconds`, default 300). */
  readonly retrySeconds?: number;
  /**
   * One hold-loop turn: the spoken lines and the hold pause (HOLD_PAUSE_SECONDS, 20). The
   * estimate, and with it the offer, comes on the first turn at least `announceEverySeconds`
   * (ANNOUNCE_ESTIMATE_MIN_INTERVAL_SECONDS, 60) after the last one, the first at entry.
   */
  readonly turnSeconds?: number;
  readonly announceEverySeconds?: number;
}

/** One queue, a fixed number of agents, and callers who may take a callback. */
export interface CallbackCenterConfig {
  readonly queue: string;
  readonly arrivals: ArrivalProcess;
  readonly patience: Distribution | 'infinite';
  readonly service: Distribution;
  readonly agents: number;
  readonly durationSeconds: number;
  readonly warmUpSeconds?: number;
  readonly seed: number;
  readonly statsRefreshSeconds?: number;
  readonly callbacks: CallbackPolicy;
}

export interface ResolvedCallbackConfig extends Required<Omit<CallbackCenterConfig, 'callbacks'>> {
  readonly callbacks: Required<CallbackPolicy> & {
    /** Seconds between two announcing turns of one caller. */
    readonly announceStepSeconds: number;
  };
}

/** Checks the whole config at once (every problem listed) and fills in the defaults. */
export function resolveCallbackConfig(config: CallbackCenterConfig): ResolvedCallbackConfig {
  const problems = [
    ...arrivalProblems(config.arrivals, 'arrivals'),
    ...(config.patience === 'infinite' ? [] : distributionProblems(config.patience, 'patience')),
    ...distributionProblems(config.service, 'service'),
  ];
  const need = (ok: boolean, problem: string): void => {
    if (!ok) problems.push(problem);
  };
  const policy = config.callbacks;
  const callbacks = {
    offerSeconds: policy.offerSeconds,
    takeShare: policy.takeShare,
    dialing: policy.dialing ?? 'rep-held',
    lookSeconds: policy.lookSeconds ?? 2,
    answerShare: policy.answerShare ?? 0.85,
    ringSeconds: policy.ringSeconds ?? { min: 15, max: 25 },
    ringTimeoutSeconds: policy.ringTimeoutSeconds ?? 25,
    maxAttempts: policy.maxAttempts ?? 3,
    retrySeconds: policy.retrySeconds ?? 300,
    turnSeconds: policy.turnSeconds ?? 25,
    announceEverySeconds: policy.announceEverySeconds ?? 60,
  };
  const share = (v: number) => v >= 0 && v <= 1;
  need(Number.isInteger(config.agents) && config.agents >= 1, 'agents must be an integer ≥ 1');
  need(config.durationSeconds > 0, 'durationSeconds must be > 0');
  const warmUpSeconds = config.warmUpSeconds ?? 0;
  need(
    warmUpSeconds >= 0 && warmUpSeconds < config.durationSeconds,
    'warmUpSeconds must be in [0, durationSeconds)',
  );
  need(Number.isInteger(config.seed), 'seed must be an integer');
  need(callbacks.offerSeconds >= 0, 'callbacks.offerSeconds must be ≥ 0');
  need(share(callbacks.takeShare), 'callbacks.takeShare must be in [0, 1]');
  need(share(callbacks.answerShare), 'callbacks.answerShare must be in [0, 1]');
  const ring = callbacks.ringSeconds;
  need(ring.min > 0 && ring.max >= ring.min, 'callbacks.ringSeconds: 0 < min ≤ max');
  need(callbacks.ringTimeoutSeconds > 0, 'callbacks.ringTimeoutSeconds must be > 0');
  need(
    Number.isInteger(callbacks.maxAttempts) && callbacks.maxAttempts >= 1,
    'callbacks.maxAttempts must be an integer ≥ 1',
  );
  need(callbacks.retrySeconds > 0, 'callbacks.retrySeconds must be > 0');
  need(callbacks.lookSeconds > 0, 'callbacks.lookSeconds must be > 0');
  need(callbacks.turnSeconds > 0, 'callbacks.turnSeconds must be > 0');
  need(callbacks.announceEverySeconds >= 0, 'callbacks.announceEverySeconds must be ≥ 0');
  if (problems.length > 0) {
    throw new RangeError(`invalid callback-center config:\n- ${problems.join('\n- ')}`);
  }
  // Turns come every turnSeconds; the estimate on the first of them at least the interval on.
  const turnsPerAnnouncement = Math.max(
    1,
    Math.ceil(callbacks.announceEverySeconds / callbacks.turnSeconds),
  );
  return Object.freeze({
    ...config,
    warmUpSeconds,
    statsRefreshSeconds: config.statsRefreshSeconds ?? 15,
    callbacks: {
      ...callbacks,
      announceStepSeconds: turnsPerAnnouncement * callbacks.turnSeconds,
    },
  });
}
