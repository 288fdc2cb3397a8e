import { type Random, createSeededRandom, seedFrom } from '../lib/seeded-random.js';
import type { QueueActivityListener } from '../wait-time/queue-activity.js';
import { type AgentPool, createAgentPool } from './agent-pool.js';
import { type ArrivalGenerator, createArrivalGenerator } from './arrivals.js';
import type { CallerClass, ResolvedConfig } from './call-center-config.js';
import { QueueTally, type SimulationResult } from './call-center-result.js';
import { sample } from './distributions.js';
import { createEventQueue } from './event-queue.js';
import type { Predictor } from './prediction.js';
import { NO_PREDICTIONS, type SimCaller, callSidOf, toCallerRecord } from './sim-caller.js';
import { type SimulatedPoller, createSimulatedPoller } from './simulated-poller.js';
import { readTrueModel } from './true-model.js';
import { type WaitingLine, createWaitingLine } from './waiting-line.js';

/** A served caller's call ended: when Twilio requests a bridged caller's <Enqueue action>. */
export interface EndedCall {
  readonly queue: string;
  readonly callSid: string;
  readonly at: number;
  /** How long they had waited before a rep took them. */
  readonly waitSeconds: number;
}

/** Who watches a run: the code under test learns from listeners and answers as predictors. */
export interface SimulationObservers {
  readonly listeners?: readonly QueueActivityListener[];
  readonly predictors?: Readonly<Record<string, Predictor>>;
  /** Told when each served caller's call ends, before the freed rep takes anyone. */
  readonly callEnded?: (call: EndedCall) => void;
}

type SimEvent =
  | { readonly kind: 'arrival'; readonly classIndex: number }
  | { readonly kind: 'service-end'; readonly caller?: SimCaller }
  | { readonly kind: 'abandon'; readonly caller: SimCaller }
  | { readonly kind: 'staffing'; readonly agents: number };

const SERVICE_END: SimEvent = { kind: 'service-end' };
/** A module constant: under jest's vm context every lookup of the global `Infinity` is slow. */
const NEVER = Number.POSITIVE_INFINITY;

/**
 * One run of the call center: the event loop and what each event does. Time is virtual ms
 * (floats); every observer call happens synchronously at the instant it describes.
 */
export class CallCenterRun {
  private readonly events = createEventQueue<SimEvent>();
  private readonly classes: readonly CallerClass[];
  private readonly lines: WaitingLine<SimCaller>[];
  private readonly tallies: QueueTally[];
  private readonly arrivals: ArrivalGenerator[];
  private readonly patienceRandoms: Random[];
  private readonly serviceRandom: Random;
  private readonly agents: AgentPool;
  private readonly listeners: readonly QueueActivityListener[];
  private readonly callEnded: ((call: EndedCall) => void) | undefined;
  private readonly predictors: [string, Predictor][];
  /** Absent without predictors: nobody reads snapshots, and long runs skip their cost. */
  private readonly poller: SimulatedPoller | undefined;
  private readonly waited: SimCaller[] = []; // reported callers who had to wait
  private now: number;
  private callers = 0;

  constructor(
    private readonly config: ResolvedConfig,
    observers: SimulationObservers,
    private readonly setClock: (at: number) => void,
  ) {
    const { classes, seed, startAt } = config;
    this.classes = classes;
    this.lines = classes.map(() => createWaitingLine<SimCaller>());
    this.tallies = classes.map((c) => new QueueTally(c.queue));
    // One stream per purpose and class, keyed by name: changing staffing, priorities or
    // predictors leaves every caller's arrival, patience and call length as they were, so
    // scenarios compare on the same traffic.
    const stream = (...parts: string[]): Random => createSeededRandom(seedFrom(seed, ...parts));
    this.arrivals = classes.map((c) =>
      createArrivalGenerator(c.arrivals, stream('arrivals', c.queue)),
    );
    this.patienceRandoms = classes.map((c) => stream('patience', c.queue));
    this.serviceRandom = stream('service');
    this.agents = createAgentPool(config.staffing[0]?.agents ?? 0);
    this.listeners = observers.listeners ?? [];
    this.callEnded = observers.callEnded;
    this.predictors = Object.entries(observers.predictors ?? {});
    this.now = startAt;
    this.poller =
      this.predictors.length === 0
        ? undefined
        : createSimulatedPoller({
            queues: classes.map((c) => c.queue),
            refreshSeconds: config.statsRefreshSeconds,
            stalenessSeconds: config.statsStalenessSeconds,
            windowSeconds: config.statsWindowSeconds,
            firstAt: startAt,
            lastAt: startAt + config.durationSeconds * 1000,
          });
  }

  run(): SimulationResult {
    const { startAt, staffing } = this.config;
    // Scheduled before any arrival, so a shift change wins a tie with one.
    for (const { fromSeconds, agents } of staffing.slice(1)) {
      this.events.push(startAt + fromSeconds * 1000, { kind: 'staffing', agents });
    }
    this.classes.forEach((_, classIndex) => this.scheduleArrival(classIndex));
    for (let next = this.events.pop(); next !== undefined; next = this.events.pop()) {
      this.poller?.catchUp(next.at, this.lines, this.workers);
      this.setClock((this.now = next.at));
      this.handle(next.event);
    }
    return {
      callers: this.waited
        .filter((c) => c.trueWaitMs !== undefined)
        .map((c) => toCallerRecord(c, this.queueOf(c))),
      queues: this.tallies.map((t) => t.summary()),
      endedAt: this.now,
    };
  }

  private handle(event: SimEvent): void {
    switch (event.kind) {
      case 'arrival':
        return this.arrive(event.classIndex);
      case 'service-end':
        if (event.caller !== undefined) this.reportCallEnd(event.caller);
        if (this.agents.endCall()) this.agentFree();
        return;
      case 'abandon':
        return this.abandon(event.caller);
      case 'staffing':
        // Each agent coming on looks for a caller; once one finds none, the lines are empty.
        for (let n = this.agents.restaff(event.agents); n > 0 && this.agentFree(); n--);
        return;
    }
  }

  private scheduleArrival(classIndex: number): void {
    const seconds = (this.arrivals[classIndex] as ArrivalGenerator).next();
    if (seconds >= this.config.durationSeconds) return;
    this.events.push(this.config.startAt + seconds * 1000, { kind: 'arrival', classIndex });
  }

  private arrive(classIndex: number): void {
    this.scheduleArrival(classIndex);
    const { patience, queue } = this.classes[classIndex] as CallerClass;
    const line = this.lines[classIndex] as WaitingLine<SimCaller>;
    const tally = this.tallies[classIndex] as QueueTally;
    // Drawn for every caller, even one who will not wait, so the streams stay aligned.
    const patienceRandom = this.patienceRandoms[classIndex] as Random;
    const patienceMs = patience === 'infinite' ? NEVER : sample(patience, patienceRandom) * 1000;
    const caller: SimCaller = {
      number: ++this.callers,
      classIndex,
      arrivalAt: this.now,
      position: line.waiting + 1,
      reported: this.now >= this.config.startAt + this.config.warmUpSeconds * 1000,
      serviceMs: sample(this.config.service, this.serviceRandom) * 1000,
      status: 'done',
      predictions: NO_PREDICTIONS,
      waitedMs: 0,
      trueWaitMs: undefined,
      abandoned: false,
    };
    if (caller.reported) tally.arrived++;
    this.poller?.entered(classIndex, this.now);
    const mustWait = this.agents.idle === 0; // an idle agent means every line is empty
    if (mustWait && caller.reported) {
      this.predict(caller, queue);
      this.waited.push(caller);
    }
    if (this.listeners.length > 0) {
      const entry = { queue, at: this.now, callSid: callSidOf(caller) };
      for (const listener of this.listeners) listener.callerEntered(entry);
    }
    if (!mustWait) {
      if (caller.reported) tally.servedWithoutWaiting++;
      return this.serve(caller);
    }
    line.join(caller);
    if (patienceMs < NEVER) this.events.push(this.now + patienceMs, { kind: 'abandon', caller });
  }

  private predict(caller: SimCaller, queue: string): void {
    if (this.predictors.length === 0) return;
    const truth = readTrueModel({
      classes: this.classes,
      arrivals: this.arrivals,
      lines: this.lines,
      service: this.config.service,
      agents: this.agents.scheduled,
      elapsedSeconds: (this.now - this.config.startAt) / 1000,
    });
    const stats = this.poller?.visibleAt(this.now);
    const context = { queue, position: caller.position, now: this.now, truth, stats };
    const predictions: Record<string, number | undefined> = {};
    for (const [name, predictor] of this.predictors) predictions[name] = predictor(context);
    caller.predictions = predictions;
  }

  /**
   * A free agent walks the lines in priority order. Ghosts it meets get their truth (they would
   * have been taken now) and vanish at the same instant: they never hold an agent up. Returns
   * whether it took a caller.
   */
  private agentFree(): boolean {
    for (const line of this.lines) {
      const caller = line.takeNext((ghost) => this.resolve(ghost, this.now - ghost.arrivalAt));
      if (caller === undefined) continue;
      this.serve(caller);
      return true;
    }
    return false;
  }

  private serve(caller: SimCaller): void {
    caller.waitedMs = this.now - caller.arrivalAt;
    this.resolve(caller, caller.waitedMs);
    if (caller.reported) (this.tallies[caller.classIndex] as QueueTally).served++;
    this.agents.startCall();
    // Only a watcher of call ends needs to know whose call it was.
    const end: SimEvent =
      this.callEnded === undefined ? SERVICE_END : { kind: 'service-end', caller };
    this.events.push(this.now + caller.serviceMs, end);
    this.left(caller, 'served');
  }

  private abandon(caller: SimCaller): void {
    if (caller.status !== 'waiting') return; // taken before its patience ran out
    (this.lines[caller.classIndex] as WaitingLine<SimCaller>).abandon(caller);
    caller.abandoned = true;
    caller.waitedMs = this.now - caller.arrivalAt;
    if (caller.reported) (this.tallies[caller.classIndex] as QueueTally).abandoned++;
    this.left(caller, 'abandoned');
  }

  private resolve(caller: SimCaller, trueWaitMs: number): void {
    caller.trueWaitMs = trueWaitMs;
    if (caller.reported) (this.tallies[caller.classIndex] as QueueTally).resolve(trueWaitMs / 1000);
  }

  private left(caller: SimCaller, outcome: 'served' | 'abandoned'): void {
    const waitSeconds = caller.waitedMs / 1000;
    if (outcome === 'served') this.poller?.served(caller.classIndex, this.now, waitSeconds);
    else this.poller?.abandoned(caller.classIndex, this.now);
    if (this.listeners.length === 0) return;
    const queue = this.queueOf(caller);
    const event = { queue, outcome, waitSeconds, at: this.now, callSid: callSidOf(caller) };
    for (const listener of this.listeners) listener.callerLeft(event);
  }

  private reportCallEnd(caller: SimCaller): void {
    const queue = this.queueOf(caller);
    const waitSeconds = caller.waitedMs / 1000;
    this.callEnded?.({ queue, callSid: callSidOf(caller), at: this.now, waitSeconds });
  }

  private queueOf(caller: SimCaller): string {
    return (this.classes[caller.classIndex] as CallerClass).queue;
  }

  private readonly workers = () => ({ eligible: this.agents.onShift, available: this.agents.idle });
}
