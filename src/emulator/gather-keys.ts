import { DEFAULT_KEY_GAP_MS, type GatherKeys } from './caller-script.js';
import type { CallScheduler } from './call-scheduler.js';
import { DONE, OVER, type Flow } from './twiml-flow.js';
import { onAbort } from './voice-leg.js';

/** How a Gather the caller keyed into ended. */
export type GatherOutcome =
  | { readonly kind: 'digits'; readonly digits: string }
  /** No digit came before the timeout: Twilio goes on with the next verb. */
  | { readonly kind: 'no-input' }
  /** The call is over, or the prompt handed the call elsewhere. */
  | { readonly kind: 'flow'; readonly flow: Flow };

/**
 * A <Gather> with a caller pressing keys, as Twilio runs it: the prompt plays until the first
 * key (keys pressed during it count, and cut it short); the Gather ends with the digits when
 * `numDigits` are in or `finishOnKey` is pressed (not counted), or `timeout` after the prompt
 * or the last key. A finishing key with no digits before it is no input.
 */
export function collectKeys(args: {
  readonly scheduler: CallScheduler;
  readonly signal: AbortSignal;
  readonly keys: GatherKeys;
  /** Infinity when the Gather sets none. */
  readonly numDigits: number;
  /** '' when the Gather has none. */
  readonly finishOnKey: string;
  readonly timeoutMs: number;
  /** Plays the prompt until the signal aborts (the first key). */
  readonly prompt: (signal: AbortSignal) => Promise<Flow>;
}): Promise<GatherOutcome> {
  const { scheduler, keys } = args;
  return new Promise((resolve) => {
    const cut = new AbortController();
    const timers: (() => void)[] = [];
    let digits = '';
    let ended = false;
    let promptOver = false;
    let cancelTimeout = () => {};
    const finish = (outcome: GatherOutcome) => {
      if (ended) return;
      ended = true;
      for (const cancel of timers) cancel();
      cancelTimeout();
      offGone();
      cut.abort();
      resolve(outcome);
    };
    const submit = () => finish(digits === '' ? { kind: 'no-input' } : { kind: 'digits', digits });
    const offGone = onAbort(args.signal, () => finish({ kind: 'flow', flow: OVER }));
    const armTimeout = () => {
      cancelTimeout();
      cancelTimeout = scheduler.after(args.timeoutMs, submit);
    };
    const press = (key: string) => {
      if (ended) return;
      cut.abort();
      if (args.finishOnKey !== '' && key === args.finishOnKey) return submit();
      digits += key;
      if (digits.length >= args.numDigits) return submit();
      if (promptOver) armTimeout();
    };
    const pressAll = (firstInMs: number) => {
      [...keys.digits].forEach((key, i) => {
        const inMs = firstInMs + i * (keys.gapMs ?? DEFAULT_KEY_GAP_MS);
        if (inMs <= 0) press(key);
        else timers.push(scheduler.after(inMs, () => press(key)));
      });
    };
    if (keys.afterMs !== undefined) pressAll(keys.afterMs);
    void args.prompt(AbortSignal.any([args.signal, cut.signal])).then((flow) => {
      if (ended || args.signal.aborted) return;
      if (!cut.signal.aborted && flow !== DONE) return finish({ kind: 'flow', flow });
      promptOver = true;
      armTimeout();
      if (keys.afterMs === undefined) pressAll(0);
    });
  });
}
