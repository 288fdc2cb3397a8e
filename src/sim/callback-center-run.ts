import { type Random, createSeededRandom, seedFrom } from '../lib/seeded-random.js';
import type { QueueActivityListener } from '../wait-time/queue-activity.js';
import type { QueueOutcome } from '../wait-time/queue-events.js';
import { type AgentPool, createAgentPool } from './agent-pool.js';
import { type ArrivalGenerator, createArrivalGenerator } from './arrivals.js';
import type { ResolvedCallbackConfig } from './callback-center-config.js';
import type { AgentStart, CallbackCenterResult } from './callback-center-result.js';
import { sample } from './distributions.js';
import { createEventQueue } from './event-queue.js';
import { type PredictionSource, createPredictionSource } from './callback-predictions.js';
import type { Predictor } from './prediction.js';
import { type CallbackBook, type SimCallback, createCallbackBook } from './sim-callbacks.js';
import { NO_PREDICTIONS, type SimCaller, callSidOf, toCallerRecord } from './sim-caller.js';
import { type SimulatedPoller, createSimulatedPoller } from './simulated-poller.js';
import { createWaitingLine } from './waiting-line.js';

export interface CallbackObservers {
  readonly listeners?: readonly QueueActivityListener[];
  /** Asked on arrival about reported callers who must wait, and at each callback taken. */
  readonly predictors?: Readonly<Record<string, Predictor>>;
  /** The app's estimate on an announcing turn: the offer is made when it is above the threshold. */
  readonly offerOn: Predictor;
}

interface HoldingCaller extends SimCaller {
  offered: boolean;
  tookCallback: boolean;
}

type SimEvent =
  | { readonly kind: 'arrival' }
  | { readonly kind: 'service-end' }
  | { readonly kind: 'abandon' | 'turn'; readonly caller: HoldingCaller }
  | { readonly kind: 'ring-end'; readonly callback: SimCallback; readonly answered: boolean }
  | { readonly kind: 'retry'; readonly callback: SimCallback }
  | { readonly kind: 'look' };

const SERVICE_END: SimEvent = { kind: 'service-end' };
const NEVER = Number.POSITIVE_INFINITY;

/**
 * One queue whose callers may take a callback that keeps their place (docs/callbacks.md). A
 * callback is dialed by a free agent once nobody still waiting entered before it, ahead of the
 * line; the agent is held from the dial, through the ringing, and serves the callee if they
 * answer. Unanswered, the agent is free again and the call is retried after the retry delay, up
 * to the attempts allowed. Callers on hold hear positions that count the callbacks ahead of them.
 * With `dialing: 'when-due'` callbacks are dialed as the product dials them instead (see
 * CallbackPolicy): no agent held, the answered callee taken by the next free agent first.
 */
export class CallbackCenterRun {
  private readonly events = createEventQueue<SimEvent>();
  private readonly line = createWaitingLine<HoldingCaller>();
  private readonly book: CallbackBook;
  private readonly arrivals: ArrivalGenerator;
  private readonly random: Readonly<Record<'patience' | 'service' | 'take' | 'dial', Random>>;
  private readonly agents: AgentPool;
  private readonly poller: SimulatedPoller;
  private readonly predictions: PredictionSource;
  /** `when-due`: answered callees waiting in the callback queue, in the order they answered. */
  private readonly callees: SimCallback[] = [];
  private lookScheduled = false;
  private readonly waited: HoldingCaller[] = [];
  private readonly starts: AgentStart[] = [];
  private readonly counts = { arrived: 0, waited: 0, offered: 0, tookCallback: 0, abandoned: 0 };
  private now = 0;
  private callers = 0;

  constructor(
    private readonly config: ResolvedCallbackConfig,
    private readonly observers: CallbackObservers,
    private readonly setClock: (at: number) => void,
  ) {
    const stream = (part: string): Random => createSeededRandom(seedFrom(config.seed, part));
    this.arrivals = createArrivalGenerator(
      config.arrivals,
      stream(`arrivals\u0000${config.queue}`),
    );
    this.random = {
      patience: stream(`patience\u0000${config.queue}`),
      service: stream('service'),
      take: stream('callback-take'),
      dial: stream('callback-dial'),
    };
    this.book = createCallbackBook(config.queue);
    this.agents = createAgentPool(config.agents);
    this.poller = createSimulatedPoller({
      queues: [config.queue],
      refreshSeconds: config.statsRefreshSeconds,
      stalenessSeconds: 0,
      windowSeconds: 1800,
      firstAt: 0,
      // Polled to the end: callbacks are dialed from the stats after the last arrival too.
      lastAt: NEVER,
    });
    this.predictions = createPredictionSource({
      config,
      arrivals: this.arrivals,
      line: this.line,
      agents: this.agents,
      poller: this.poller,
      predictors: observers.predictors ?? {},
    });
  }

  run(): CallbackCenterResult {
    this.scheduleArrival();
    for (let next = this.events.pop(); next !== undefined; next = this.events.pop()) {
      this.poller.catchUp(next.at, [this.line], this.workers);
      this.setClock((this.now = next.at));
      this.handle(next.event);
    }
    const { queue } = this.config;
    return {
      callers: this.waited
        .filter((c) => !c.tookCallback && c.trueWaitMs !== undefined)
        .map((c) => toCallerRecord(c, queue)),
      callbacks: this.book.all.map((c) => ({
        id: c.record.id,
        reported: c.reported,
        enteredAt: c.enteredAt,
        offeredAt: c.offeredAt,
        promised: c.promised,
        dials: c.dials,
        answeredAt: c.answeredAt,
        state: c.record.state,
      })),
      starts: this.starts,
      counts: { ...this.counts },
      endedAt: this.now,
    };
  }

  private handle(event: SimEvent): void {
    switch (event.kind) {
      case 'arrival':
        return this.arrive();
      case 'service-end':
        if (this.agents.endCall()) this.agentFree();
        return;
      case 'abandon':
        return this.abandon(event.caller);
      case 'turn':
        return this.turn(event.caller);
      case 'ring-end':
        return this.ringEnd(event.callback, event.answered);
      case 'retry':
        if (this.whenDue) return this.dial(event.callback);
        this.book.ready(event.callback);
        if (this.agents.idle > 0) this.agentFree();
        return;
      case 'look':
        return this.look();
    }
  }

  private scheduleArrival(): void {
    const seconds = this.arrivals.next();
    if (seconds < this.config.durationSeconds)
      this.events.push(seconds * 1000, { kind: 'arrival' });
  }

  private arrive(): void {
    this.scheduleArrival();
    const { patience, service, warmUpSeconds } = this.config;
    const patienceMs =
      patience === 'infinite' ? NEVER : sample(patience, this.random.patience) * 1000;
    const callbacksAhead = this.book.ahead(this.now);
    const caller: HoldingCaller = {
      number: ++this.callers,
      classIndex: 0,
      arrivalAt: this.now,
      // Twilio's QueuePosition, plus the callbacks ahead, as a wait turn counts it.
      position: this.line.waiting + 1 + callbacksAhead,
      reported: this.now >= warmUpSeconds * 1000,
      serviceMs: sample(service, this.random.service) * 1000,
      status: 'done',
      predictions: NO_PREDICTIONS,
      waitedMs: 0,
      trueWaitMs: undefined,
      abandoned: false,
      offered: false,
      tookCallback: false,
    };
    if (caller.reported) this.counts.arrived++;
    this.poller.entered(0, this.now);
    const mustWait = this.agents.idle === 0;
    if (mustWait && caller.reported) {
      caller.predictions = this.predictions.predictAll(
        this.predictions.context(caller.position, this.now, callbacksAhead),
      );
      this.waited.push(caller);
      this.counts.waited++;
    }
    const entry = { queue: this.config.queue, at: this.now, callSid: callSidOf(caller) };
    for (const listener of this.observers.listeners ?? []) listener.callerEntered(entry);
    if (!mustWait) return this.serve(caller);
    this.line.join(caller);
    if (patienceMs < NEVER) this.events.push(this.now + patienceMs, { kind: 'abandon', caller });
    this.turn(caller); // the first wait turn comes at once, and announces
  }

  /** An announcing turn: the offer when the app's estimate is above the threshold. */
  private turn(caller: HoldingCaller): void {
    if (caller.status !== 'waiting' || caller.offered) return;
    const { offerSeconds, takeShare, announceStepSeconds } = this.config.callbacks;
    const ahead = this.book.ahead(caller.arrivalAt);
    const position = (this.line.positionOf(caller) ?? 1) + ahead;
    const context = this.predictions.context(position, this.now, ahead);
    const estimate = this.observers.offerOn(context);
    if (estimate === undefined || !(estimate > offerSeconds)) {
      this.events.push(this.now + announceStepSeconds * 1000, { kind: 'turn', caller });
      return;
    }
    // Decided once: a caller who says no to the first offer says no to the next ones too.
    caller.offered = true;
    if (caller.reported) this.counts.offered++;
    if (this.random.take() >= takeShare) return;
    this.line.abandon(caller); // off the line; the callback keeps the place
    caller.tookCallback = true;
    caller.waitedMs = this.now - caller.arrivalAt;
    if (caller.reported) this.counts.tookCallback++;
    this.poller.abandoned(0, this.now); // TaskRouter cancels the task of a caller who leaves
    this.left(caller, 'callback');
    this.book.take({
      callSid: callSidOf(caller),
      enteredAt: caller.arrivalAt,
      offeredAt: this.now,
      reported: caller.reported,
      serviceMs: caller.serviceMs,
      promised: this.predictions.predictAll(context),
    });
    this.scheduleLook();
  }

  private get whenDue(): boolean {
    return this.config.callbacks.dialing === 'when-due';
  }

  /** `when-due`: the next look on the dialing's grid, while any callback waits to be dialed. */
  private scheduleLook(): void {
    if (!this.whenDue || this.lookScheduled || this.book.waiting === 0) return;
    const lookMs = this.config.callbacks.lookSeconds * 1000;
    this.lookScheduled = true;
    this.events.push((Math.floor(this.now / lookMs) + 1) * lookMs, { kind: 'look' });
  }

  /** `when-due`: the product's look, with its due rule over the stats as polled. */
  private look(): void {
    this.lookScheduled = false;
    const snapshot = this.poller.visibleAt(this.now);
    const { statsRefreshSeconds: refreshSeconds } = this.config;
    for (const callback of this.book.due({ snapshot, now: this.now, refreshSeconds })) {
      this.dial(callback);
    }
    this.scheduleLook();
  }

  /**
   * A free agent takes an answered callee first (`when-due`); else (`rep-held`) calls back the
   * earliest ready callback if nobody still waiting entered before it; else takes the line's
   * next caller. Returns whether it took anything.
   */
  private agentFree(): boolean {
    const callee = this.callees.shift();
    if (callee !== undefined) {
      this.book.connected(callee, this.now);
      this.callbackTaken(callee);
      this.agents.startCall();
      this.start('callee', callee.record.id, callee.enteredAt);
      this.events.push(this.now + callee.serviceMs, SERVICE_END);
      return true;
    }
    const callback = this.whenDue ? undefined : this.book.nextReady();
    const head = this.line.oldestArrival();
    const resolveGhost = (ghost: HoldingCaller) => {
      if (!ghost.tookCallback) ghost.trueWaitMs = this.now - ghost.arrivalAt;
    };
    if (callback !== undefined && (head === undefined || callback.enteredAt < head)) {
      this.line.dropGhostsBefore(callback.enteredAt, resolveGhost);
      this.dial(callback);
      return true;
    }
    const caller = this.line.takeNext(resolveGhost);
    if (caller === undefined) return false;
    this.serve(caller);
    return true;
  }

  private dial(callback: SimCallback): void {
    const { answerShare, ringSeconds, ringTimeoutSeconds } = this.config.callbacks;
    if (!this.whenDue) this.agents.startCall(); // the agent is held from the dial
    this.book.dialed(callback, this.now);
    this.start('dial', callback.record.id, callback.enteredAt);
    // Both drawn on every call, so the stream stays aligned whatever the answer.
    const answered = this.random.dial() < answerShare;
    const ring = ringSeconds.min + this.random.dial() * (ringSeconds.max - ringSeconds.min);
    const ringMs = (answered ? ring : ringTimeoutSeconds) * 1000;
    this.events.push(this.now + ringMs, { kind: 'ring-end', callback, answered });
  }

  private ringEnd(callback: SimCallback, answered: boolean): void {
    if (answered) this.book.answered(callback, this.now);
    if (answered && this.whenDue) {
      this.callees.push(callback); // into the callback queue, which free agents take first
      if (this.agents.idle > 0) this.agentFree();
      return;
    }
    if (answered) {
      this.book.connected(callback, this.now);
      this.callbackTaken(callback);
      this.events.push(this.now + callback.serviceMs, SERVICE_END); // the same agent serves
      return;
    }
    const { maxAttempts, retrySeconds } = this.config.callbacks;
    const final = callback.dials.length >= maxAttempts;
    this.book.unanswered(callback, this.now, final);
    if (!final) this.events.push(this.now + retrySeconds * 1000, { kind: 'retry', callback });
    if (!this.whenDue && this.agents.endCall()) this.agentFree();
  }

  private serve(caller: HoldingCaller): void {
    caller.waitedMs = this.now - caller.arrivalAt;
    caller.trueWaitMs = caller.waitedMs;
    this.agents.startCall();
    this.start('caller', callSidOf(caller), caller.arrivalAt);
    this.events.push(this.now + caller.serviceMs, SERVICE_END);
    this.poller.served(0, this.now, caller.waitedMs / 1000);
    this.left(caller, 'served');
  }

  private abandon(caller: HoldingCaller): void {
    if (caller.status !== 'waiting') return; // taken, or left for a callback
    this.line.abandon(caller);
    caller.abandoned = true;
    caller.waitedMs = this.now - caller.arrivalAt;
    if (caller.reported) this.counts.abandoned++;
    this.poller.abandoned(0, this.now);
    this.left(caller, 'abandoned');
  }

  private left(caller: HoldingCaller, outcome: QueueOutcome): void {
    const event = {
      queue: this.config.queue,
      outcome,
      waitSeconds: caller.waitedMs / 1000,
      at: this.now,
      callSid: callSidOf(caller),
    };
    for (const listener of this.observers.listeners ?? []) listener.callerLeft(event);
  }

  /** As /voice/dequeued tells it (voice/callback-taken.ts): one more service of the queue. */
  private callbackTaken(callback: SimCallback): void {
    const event = {
      queue: this.config.queue,
      outcome: 'callback-taken',
      waitSeconds: Math.floor((this.now - callback.offeredAt) / 1000),
      at: this.now,
      callSid: `callee-${callback.record.id}`,
    } as const;
    for (const listener of this.observers.listeners ?? []) listener.callerLeft(event);
  }

  private start(kind: AgentStart['kind'], id: string, enteredAt: number): void {
    this.starts.push({ kind, id, enteredAt, at: this.now });
  }

  private readonly workers = () => ({ eligible: this.agents.onShift, available: this.agents.idle });
}
