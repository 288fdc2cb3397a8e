import type { CallOptions } from './call-options.js';

/**
 * What goes wrong with a Calls create, besides the generic faults in front of every request
 * (faults.ts: latency, rate-limit scripts, 5xx, drops — none of which creates anything):
 * - `lost-answer`: the call IS created (and will be dialed) but the client gets a 500, or the
 *   connection closes without an answer: a retry would create a second call.
 * - `fail-before-create`: a 500 and no call.
 * Scripts are used up first, in order; then the seeded shares decide. `holdCreates` keeps
 * admitted creates in flight until released, so a test can fill the concurrency limit exactly.
 */

export type CreateFaultKind = 'lost-answer' | 'fail-before-create';

export interface CreateFaultScript {
  readonly kind: CreateFaultKind;
  /** For lost-answer: a 500 (default: the lostAnswerAs option) or a dropped connection. */
  readonly as?: 'server-error' | 'drop';
  readonly times?: number;
}

export type CreateDecision =
  | { readonly kind: 'ok' }
  | { readonly kind: 'lost-answer'; readonly as: 'server-error' | 'drop' }
  | { readonly kind: 'fail-before-create' };

export interface CallFaults {
  script(...scripts: readonly CreateFaultScript[]): void;
  /** Replaces the standing shares (omitted: off). */
  setShares(shares: { lostAnswerShare?: number; failBeforeCreateShare?: number }): void;
  clear(): void;
  /** Holds every admitted create until the answer is called (also on close). */
  holdCreates(): () => void;
  decide(roll: () => number): CreateDecision;
  /** Resolves when no hold is in place. */
  waitForRelease(): Promise<void>;
}

export function createCallFaults(options: CallOptions): CallFaults {
  let scripts: { kind: CreateFaultKind; as: 'server-error' | 'drop'; remaining: number }[] = [];
  let lostAnswerShare = options.lostAnswerShare;
  let failBeforeCreateShare = options.failBeforeCreateShare;
  let holds = new Set<() => void>();
  let waiters: (() => void)[] = [];
  const releaseAll = () => {
    if (holds.size > 0) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };
  return {
    script(...entries) {
      for (const entry of entries) {
        scripts.push({
          kind: entry.kind,
          as: entry.as ?? options.lostAnswerAs,
          remaining: entry.times ?? 1,
        });
      }
    },
    setShares(shares) {
      lostAnswerShare = shares.lostAnswerShare ?? 0;
      failBeforeCreateShare = shares.failBeforeCreateShare ?? 0;
    },
    clear() {
      scripts = [];
      lostAnswerShare = 0;
      failBeforeCreateShare = 0;
      for (const release of [...holds]) release();
    },
    holdCreates() {
      const release = () => {
        holds.delete(release);
        releaseAll();
      };
      holds = new Set([...holds, release]);
      return release;
    },
    decide(roll) {
      const script = scripts[0];
      if (script !== undefined) {
        script.remaining -= 1;
        if (script.remaining <= 0) scripts.shift();
        return script.kind === 'lost-answer'
          ? { kind: 'lost-answer', as: script.as }
          : { kind: 'fail-before-create' };
      }
      if (lostAnswerShare + failBeforeCreateShare === 0) return { kind: 'ok' };
      const value = roll();
      if (value < failBeforeCreateShare) return { kind: 'fail-before-create' };
      if (value < failBeforeCreateShare + lostAnswerShare) {
        return { kind: 'lost-answer', as: options.lostAnswerAs };
      }
      return { kind: 'ok' };
    },
    waitForRelease() {
      if (holds.size === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
  };
}
