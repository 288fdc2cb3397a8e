/**
 * A caller who took the callback offer: their place in the queue, kept while they are off the
 * line. `enteredAt` is when they entered the queue, not when they pressed 1: that is the place.
 */
export type CallbackState = 'waiting' | 'dialing' | 'connected' | 'failed' | 'canceled';

export const CALLBACK_STATES: readonly CallbackState[] = [
  'waiting',
  'dialing',
  'connected',
  'failed',
  'canceled',
];

/** States in which the callback still holds a place ahead of later callers. */
export const HOLDS_PLACE: readonly CallbackState[] = ['waiting', 'dialing'];

export interface CallbackStep {
  readonly state: CallbackState;
  /** Epoch ms. */
  readonly at: number;
  readonly note?: string;
}

export interface Callback {
  /** Derived from the caller's CallSid: one callback per call, whatever Twilio repeats. */
  readonly id: string;
  readonly queue: string;
  /** E.164. */
  readonly phone: string;
  readonly callerCallSid: string;
  /** Epoch ms the caller entered the queue. */
  readonly enteredAt: number;
  /** Epoch ms the caller asked for the callback. */
  readonly requestedAt: number;
  readonly state: CallbackState;
  /** Calls made so far. */
  readonly attempts: number;
  /** Every state it was in, oldest first. */
  readonly history: readonly CallbackStep[];
}

export interface NewCallback {
  readonly queue: string;
  readonly phone: string;
  readonly callerCallSid: string;
  readonly enteredAt: number;
  readonly requestedAt: number;
}

export interface CallbackFilter {
  readonly queue?: string;
  readonly state?: CallbackState;
}

/** What a move sets besides the state. */
export interface CallbackMove {
  readonly state: CallbackState;
  readonly at: number;
  readonly note?: string;
  /** Counts one more call (a move to `dialing`). */
  readonly countAttempt?: boolean;
  /** Sets the calls made (as the callback's campaign counted them). */
  readonly attempts?: number;
}

/**
 * Where callbacks are kept (embedded: memory and a journal under DATA_DIR; Redis: one hash
 * shared by every process). Each change is atomic and names the states it may start from.
 */
export interface CallbackStore {
  /**
   * The caller's callback: made now, or the one this call already has (a repeated Gather
   * action must not make two). `created` says which.
   */
  request(input: NewCallback): Promise<{ callback: Callback; created: boolean }>;
  get(id: string): Promise<Callback | undefined>;
  /** Oldest place first (enteredAt, then id). */
  list(filter?: CallbackFilter): Promise<readonly Callback[]>;
  /**
   * Those still holding a place (HOLDS_PLACE), of one queue or all, oldest place first: what
   * every wait turn and every look of the dialing read, so it costs what is open, not the
   * whole history.
   */
  holdingPlace(queue?: string): Promise<readonly Callback[]>;
  /** Compare-and-set: moves it if its state is one of `from`; returns it after the move. */
  move(
    id: string,
    from: readonly CallbackState[],
    move: CallbackMove,
  ): Promise<Callback | undefined>;
  close(): Promise<void>;
}

/**
 * The queue a queue's answered callbacks wait in for a rep (a Voice queue of its own, so the rep
 * loop can take them first: see voice/dispatch.ts).
 */
export const callbackQueueName = (queue: string): string => `${queue}-callbacks`;

export const callbackIdOf = (callerCallSid: string): string => `cb-${callerCallSid}`;

/** A new record, as every store makes it. */
export function newCallback(input: NewCallback): Callback {
  return {
    id: callbackIdOf(input.callerCallSid),
    queue: input.queue,
    phone: input.phone,
    callerCallSid: input.callerCallSid,
    enteredAt: input.enteredAt,
    requestedAt: input.requestedAt,
    state: 'waiting',
    attempts: 0,
    history: [{ state: 'waiting', at: input.requestedAt }],
  };
}

/** The record after a move, as every store computes it. */
export function movedCallback(callback: Callback, move: CallbackMove): Callback {
  const step: CallbackStep =
    move.note === undefined
      ? { state: move.state, at: move.at }
      : { state: move.state, at: move.at, note: move.note };
  return {
    ...callback,
    state: move.state,
    attempts: move.attempts ?? callback.attempts + (move.countAttempt === true ? 1 : 0),
    history: [...callback.history, step],
  };
}

/** Oldest place first; the id breaks ties so every process lists them in one order. */
export function byPlace(a: Callback, b: Callback): number {
  return a.enteredAt - b.enteredAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function matches(callback: Callback, filter: CallbackFilter | undefined): boolean {
  return (
    (filter?.queue === undefined || callback.queue === filter.queue) &&
    (filter?.state === undefined || callback.state === filter.state)
  );
}
