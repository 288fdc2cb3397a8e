import type { Callback, CallbackState } from '../callbacks/callback.js';
import { callbacksAhead, dueCallbacks } from '../callbacks/due.js';
import type { StatsSnapshot } from '../stats/queue-stats.js';

/** A callback inside the simulation: the app's record of it, and what happened to it. */
export interface SimCallback {
  readonly enteredAt: number;
  /** When the caller took the offer and left the line (virtual ms). */
  readonly offeredAt: number;
  /** The caller arrived after the warm-up. */
  readonly reported: boolean;
  readonly serviceMs: number;
  /** Each predictor's estimate at the offer (seconds): what the promise was made of. */
  readonly promised: Readonly<Record<string, number | undefined>>;
  /** The app's record, replaced at each move as the stores replace it. */
  record: Callback;
  /** When each call was dialed (virtual ms). */
  readonly dials: number[];
  answeredAt: number | undefined;
}

/** Any E.164 number: the simulation dials nobody. */
const SIM_PHONE = '+14155550100';

/**
 * The callbacks of one queue: those holding a place (counted in positions as the app counts
 * them, with its own `callbacksAhead`), and those ready to be dialed, earliest place first.
 */
export interface CallbackBook {
  /** A caller took the offer: their callback keeps the place they entered at. */
  take(input: Omit<SimCallback, 'record' | 'dials' | 'answeredAt'> & { callSid: string }): void;
  /** Callbacks waiting or being dialed that entered before `enteredAt`. */
  ahead(enteredAt: number): number;
  /** The ready callback with the earliest place; it stays ready until dialed. */
  nextReady(): SimCallback | undefined;
  /** A retry's delay is over: it may be dialed again. */
  ready(callback: SimCallback): void;
  dialed(callback: SimCallback, at: number): void;
  /** The callee picked up. */
  answered(callback: SimCallback, at: number): void;
  /** A rep took the callee: the place is used. */
  connected(callback: SimCallback, at: number): void;
  /** Not answered: the place is kept for a retry, unless `final`. */
  unanswered(callback: SimCallback, at: number, final: boolean): void;
  /** Those the app's due rule (src/callbacks/due.ts) finds due in this snapshot, place order. */
  due(input: {
    snapshot: StatsSnapshot | undefined;
    now: number;
    refreshSeconds: number;
  }): SimCallback[];
  /** Callbacks taken and not dialed yet. */
  readonly waiting: number;
  /** Every callback taken, in the order taken. */
  readonly all: readonly SimCallback[];
}

export function createCallbackBook(queue: string): CallbackBook {
  const all: SimCallback[] = [];
  const byId = new Map<string, SimCallback>();
  let holding: Callback[] = [];
  const readyList: SimCallback[] = []; // sorted by enteredAt

  const move = (callback: SimCallback, state: CallbackState, at: number) => {
    const before = callback.record;
    callback.record = {
      ...before,
      state,
      history: [...before.history, { state, at }],
    };
    holding = holding.filter((c) => c.id !== before.id);
    if (state === 'waiting' || state === 'dialing') holding.push(callback.record);
  };
  const makeReady = (callback: SimCallback) => {
    let i = readyList.length;
    while (i > 0 && (readyList[i - 1] as SimCallback).enteredAt > callback.enteredAt) i--;
    readyList.splice(i, 0, callback);
  };

  return {
    all,
    get waiting() {
      return holding.filter((c) => c.state === 'waiting').length;
    },
    take({ callSid, ...rest }) {
      const record: Callback = {
        id: `cb-${callSid}`,
        queue,
        phone: SIM_PHONE,
        callerCallSid: callSid,
        enteredAt: rest.enteredAt,
        requestedAt: rest.offeredAt,
        state: 'waiting',
        attempts: 0,
        history: [{ state: 'waiting', at: rest.offeredAt }],
      };
      const callback: SimCallback = { ...rest, record, dials: [], answeredAt: undefined };
      all.push(callback);
      byId.set(record.id, callback);
      holding.push(record);
      makeReady(callback);
    },
    ahead: (enteredAt) => callbacksAhead(holding, queue, enteredAt),
    due: (input) =>
      dueCallbacks({ ...input, callbacks: holding, queue }).map(
        (c) => byId.get(c.id) as SimCallback,
      ),
    nextReady: () => readyList[0],
    ready: makeReady,
    dialed(callback, at) {
      const index = readyList.indexOf(callback);
      if (index >= 0) readyList.splice(index, 1);
      callback.dials.push(at);
      // The app's record counts calls made; it stays `dialing` through its retries.
      callback.record = { ...callback.record, attempts: callback.dials.length };
      if (callback.record.state === 'waiting') move(callback, 'dialing', at);
    },
    answered(callback, at) {
      callback.answeredAt = at;
    },
    connected(callback, at) {
      move(callback, 'connected', at);
    },
    unanswered(callback, at, final) {
      if (final) move(callback, 'failed', at);
    },
  };
}
