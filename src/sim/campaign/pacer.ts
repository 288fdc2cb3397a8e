/** A call still ringing (or held by AMD while it listens): the dialer knows when it started. */
export interface RingingCallView {
  readonly startedAt: number;
}

/** A person (or machine) who answered and waits for an agent, since `offeredAt`. */
export interface WaitingCallView {
  readonly offeredAt: number;
}

/** An agent on a call: talking, or wrapping up after it. */
export interface BusyAgentView {
  readonly phase: 'talk' | 'wrap-up';
  readonly connectedAt: number;
  readonly phaseSince: number;
}

/** Counts a dialer could keep from its own call reports, so far. */
export interface ObservedTally {
  /** Dials that left the CPS queue and rang. */
  readonly started: number;
  /** Put through to an agent: people and, without AMD, machines. */
  readonly connectedHumans: number;
  readonly connectedMachines: number;
  /** Answered, and no agent within the 2 s: the dialer sees a drop, person or machine. */
  readonly dropped: number;
  /** Hung up on as a machine by AMD (false positives included: the dialer cannot tell). */
  readonly amdMachines: number;
  readonly busy: number;
  readonly noAnswer: number;
}

/**
 * What a dialer may know at one moment, virtual ms. Nothing about a call's future: not who will
 * answer, nor when, nor how long anyone will talk. The arrays are the simulator's own, read-only.
 */
export interface DialerView {
  readonly now: number;
  /** A tick (at least once a second) or a call event. */
  readonly trigger: 'tick' | 'event';
  readonly callsPerSecond: number;
  /** Dials that would start at once; more are queued by the account (as Twilio queues creates). */
  readonly startsAvailableNow: number;
  /** Dials sent and held by the account's CPS, not ringing yet. */
  readonly queuedDials: number;
  /** Position of the next contact on the list (every dialer takes the list in order). */
  readonly nextContact: number;
  readonly contactsLeft: number;
  readonly agents: {
    /** Agents the shift plan calls for now. */
    readonly scheduled: number;
    /** Logged in: more than scheduled while agents going off shift finish their call. */
    readonly onShift: number;
    readonly idle: number;
    readonly busy: readonly BusyAgentView[];
    /** The shift plan, known ahead like a rota: agents scheduled at a virtual time. */
    readonly scheduledAt: (at: number) => number;
  };
  readonly ringing: readonly RingingCallView[];
  /** Answered calls AMD is still listening to. */
  readonly detecting: number;
  readonly waiting: readonly WaitingCallView[];
  readonly tally: ObservedTally;
}

/** A report about one call, as the dialer receives it (status callbacks, the rep loop). */
export type CallEvent =
  | {
      readonly kind: 'dialed' | 'started' | 'answered';
      readonly at: number;
      readonly contact: number;
    }
  | { readonly kind: 'amd-machine' | 'dropped'; readonly at: number; readonly contact: number }
  | {
      readonly kind: 'connected';
      readonly at: number;
      readonly contact: number;
      /** The agent hears whether it reached a person. */
      readonly machine: boolean;
    }
  | { readonly kind: 'busy' | 'no-answer'; readonly at: number; readonly contact: number }
  /** The agent on this contact's call is free again (wrap-up done, or a machine hung up on). */
  | { readonly kind: 'agent-free'; readonly at: number; readonly contact: number };

/**
 * A dialing rule: asked at every tick and after every call event how many new calls to start
 * now. The simulator takes that many contacts from the list in order and enforces the CPS.
 */
export interface Pacer {
  readonly name: string;
  decide(view: DialerView): number;
  /** Told of each call event before the next decision. */
  observe?(event: CallEvent): void;
}
