import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { createCallDice, type CallScript } from './call-outcomes.js';
import { createCallFaults, type CallFaults } from './call-faults.js';
import { createCallLifecycle } from './call-lifecycle.js';
import type { CallOptions, CallOutcome } from './call-options.js';
import { createCallPacing, type CallStats } from './call-pacing.js';
import {
  ENDED_STATUSES,
  type CallRecord,
  type CallRequest,
  type CallStatus,
  type HttpMethod,
} from './call-record.js';
import type { CallScheduler } from './call-scheduler.js';
import { twilioErrors } from './twilio-errors.js';
import type { SignedRequest } from './call-webhooks.js';
import type { TwimlPlayer } from './twiml-player.js';

/** A call as tests read it: a copy, not the live record. */
export type EmulatedCall = Readonly<Omit<CallRecord, 'webhooks'>> & {
  readonly webhooks: CallRecord['webhooks'][number][];
};

/** The outbound calls of the account: what the REST routes and the tests both use. */
export interface EmulatorCalls {
  list(): EmulatedCall[];
  get(sid: string): EmulatedCall | undefined;
  stats(): CallStats;
  clearStats(): void;
  /** Outcomes for the next calls to `to`, in order, instead of the mix. */
  script(to: string, ...outcomes: readonly (CallOutcome | CallScript)[]): void;
  readonly faults: Omit<CallFaults, 'decide' | 'waitForRelease'>;
  /** Creates being handled right now (the concurrency limit counts these). */
  readonly inFlight: number;
  /** Resolves with the call once it has this status; rejects if it ends with another. */
  waitForStatus(sid: string, status: CallStatus): Promise<EmulatedCall>;
  /** `status` on every change of any call, with the call. */
  on(event: 'status', listener: (call: EmulatedCall) => void): void;
  off(event: 'status', listener: (call: EmulatedCall) => void): void;
  /** Resolves when every webhook made so far has been answered. */
  settled(): Promise<void>;
  /** Ends a call (Status=canceled or completed), or a 400 with code 21220. */
  end(sid: string, status: 'canceled' | 'completed'): EmulatedCall;
  /** Plays the TwiML at `url` on an answered call from now on, or a 400 with code 21220. */
  redirect(sid: string, url: string, method: HttpMethod): EmulatedCall;
}

export interface CallState extends EmulatorCalls {
  /** Creates the call and schedules its life; the pacing decides its queue time. */
  create(request: CallRequest): EmulatedCall;
  admit(): void;
  leave(): void;
  readonly maxConcurrentCreates: number;
  decideCreate: CallFaults['decide'];
  roll(): number;
  countRefusal: ReturnType<typeof createCallPacing>['countRefusal'];
  waitForRelease(): Promise<void>;
  readonly createLatencyMs: number;
  close(): void;
}

export function createCallState(deps: {
  accountSid: string;
  authToken: string;
  options: CallOptions;
  scheduler: CallScheduler;
  /** Each status callback sent, for Event Streams. */
  progressed?: (call: CallRecord, event: string, request: SignedRequest) => void;
  /** Plays answered calls' TwiML (options.playTwiml). */
  player?: TwimlPlayer;
}): CallState {
  const { options, scheduler } = deps;
  const dice = createCallDice(options);
  const pacing = createCallPacing(options.callsPerSecond);
  const faults = createCallFaults(options);
  const emitter = new EventEmitter();
  const calls = new Map<string, CallRecord>();
  let seq = 0;
  let inFlight = 0;
  const lifecycle = createCallLifecycle({
    ...deps,
    dice,
    pacing,
    changed: (call) => emitter.emit('status', snapshot(call)),
  });
  const find = (sid: string) => calls.get(sid);

  const state: CallState = {
    list: () => [...calls.values()].map(snapshot),
    get(sid) {
      const call = find(sid);
      return call === undefined ? undefined : snapshot(call);
    },
    stats: () => pacing.stats(),
    clearStats: () => pacing.clear(),
    script: (to, ...outcomes) => dice.script(to, ...outcomes),
    faults,
    get inFlight() {
      return inFlight;
    },
    waitForStatus(sid, status) {
      return new Promise((resolve, reject) => {
        const check = (call: EmulatedCall) => {
          if (call.sid !== sid) return false;
          if (call.status === status) resolve(call);
          else if (ENDED_STATUSES.has(call.status)) {
            reject(new Error(`call ${sid} ended ${call.status}, not ${status}`));
          } else return false;
          return true;
        };
        const current = state.get(sid);
        if (current === undefined) {
          reject(new Error(`no call ${sid}`));
          return;
        }
        if (check(current)) return;
        const listener = (call: EmulatedCall) => {
          if (check(call)) emitter.off('status', listener);
        };
        emitter.on('status', listener);
      });
    },
    on: (event, listener) => void emitter.on(event, listener),
    off: (event, listener) => void emitter.off(event, listener),
    async settled() {
      // The lifecycle's callbacks and the player's TwiML requests start one another.
      do await lifecycle.settled();
      while ((await deps.player?.settled()) === true);
    },
    end(sid, status) {
      const call = find(sid);
      if (call === undefined) throw twilioErrors.notFound(sid);
      const allowed =
        status === 'canceled'
          ? call.status === 'queued' || call.status === 'ringing'
          : call.status === 'in-progress';
      if (!allowed) throw twilioErrors.callNotInProgress();
      lifecycle.end(call, status);
      return snapshot(call);
    },
    redirect(sid, url, method) {
      const call = find(sid);
      if (call === undefined) throw twilioErrors.notFound(sid);
      if (call.status !== 'in-progress') throw twilioErrors.callNotInProgress();
      lifecycle.redirect(call, url, method);
      return snapshot(call);
    },
    create(request) {
      const now = scheduler.now();
      const script = dice.next(request.to);
      seq += 1;
      const call: CallRecord = {
        sid: `CA${randomBytes(16).toString('hex')}`,
        seq,
        request,
        outcome: script.outcome,
        createdAt: now,
        dialAt: pacing.nextSlot(now),
        status: 'queued',
        updatedAt: now,
        startedAt: null,
        answeredAt: null,
        endedAt: null,
        answeredBy: null,
        twiml: null,
        sequence: 0,
        webhooks: [],
      };
      calls.set(call.sid, call);
      pacing.countCreate(now);
      lifecycle.start(call, script);
      return snapshot(call);
    },
    admit: () => void (inFlight += 1),
    leave: () => void (inFlight -= 1),
    maxConcurrentCreates: options.maxConcurrentCreates,
    decideCreate: (roll) => faults.decide(roll),
    roll: () => dice.roll(),
    countRefusal: (kind) => pacing.countRefusal(kind),
    waitForRelease: () => faults.waitForRelease(),
    createLatencyMs: options.createLatencyMs,
    close() {
      faults.clear();
      lifecycle.close();
    },
  };
  return state;
}

function snapshot(call: CallRecord): EmulatedCall {
  return { ...call, webhooks: [...call.webhooks] };
}
