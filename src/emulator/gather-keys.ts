import { DEFAULT_KEY_GAP_MS, type GatherKeys } from './caller-script.js';
import type { CallScheduler } from './call-scheduler.js';
import { numberAttribute, type TwimlVerb } from './twiml-document.js';
import { DONE, OVER, type Flow, type PlayScope, type VerbPlayer } from './twiml-flow.js';
import { onAbort, pause, type VoiceLeg } from './voice-leg.js';

/** <Gather>'s default wait for a key after its prompt (Twilio's `timeout`, 5 s). */
const GATHER_TIMEOUT_SECONDS = 5;

/**
 * A <Gather>: its prompt, then `timeout` for a key. The leg's caller script may press keys
 * (collectKeys below): then the action gets Digits with the call's parameters and its answer
 * plays; with no digit the next verb follows, as when nobody presses anything.
 */
export async function playGather(
  deps: { readonly scheduler: CallScheduler; readonly player: VerbPlayer },
  leg: VoiceLeg,
  verb: TwimlVerb,
  scope: PlayScope,
): Promise<Flow> {
  const { scheduler, player } = deps;
  const { attributes } = verb;
  const timeoutMs = numberAttribute(attributes.timeout, GATHER_TIMEOUT_SECONDS) * 1000;
  const dtmf = (attributes.input ?? 'dtmf').split(/\s+/).includes('dtmf');
  const keys = dtmf ? leg.caller?.keysFor(promptOf(verb)) : undefined;
  if (keys === undefined) {
    const prompt = await player.follow(leg, verb.children, scope);
    if (prompt !== DONE) return prompt;
    await pause(scheduler, timeoutMs, scope.signal);
    return DONE;
  }
  const numDigits = numberAttribute(attributes.numDigits, 0);
  const outcome = await collectKeys({
    scheduler,
    signal: scope.signal,
    keys,
    numDigits: numDigits >= 1 ? Math.floor(numDigits) : Infinity,
    finishOnKey: attributes.finishOnKey ?? '#',
    timeoutMs,
    prompt: (signal) => player.follow(leg, verb.children, { ...scope, signal }),
  });
  if (outcome.kind === 'flow') return outcome.flow;
  if (outcome.kind === 'no-input' || attributes.action === undefined) return DONE;
  const verbs = await player.fetchTwiml(leg, attributes.action, attributes.method, {
    Digits: outcome.digits,
  });
  return scope.signal.aborted ? OVER : { kind: 'goto', verbs };
}

/** What a Gather's prompt says: the text of its <Say>s. */
function promptOf(verb: TwimlVerb): string {
  return verb.children
    .filter((child) => child.name === 'Say')
    .map((child) => child.text)
    .join(' ');
}

/** How a Gather the caller keyed into ended. */
type GatherOutcome =
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
function collectKeys(args: {
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
