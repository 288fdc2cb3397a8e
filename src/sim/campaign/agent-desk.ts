import { type AgentPool, createAgentPool } from '../agent-pool.js';
import type { CampaignConfig } from './campaign-config.js';
import type { CampaignMeter } from './campaign-meter.js';
import type { BusyAgentView, CallEvent, ObservedTally } from './pacer.js';
import { CallList, type SimCall } from './sim-call.js';

/** What the desk schedules for a call: its 2 s deadline, the end of the talk, of the wrap-up. */
export type DeskStep = 'deadline' | 'talk-end' | 'wrap-end';

/** The run's running counts, which the desk adds to. */
export type Tally = { -readonly [K in keyof ObservedTally]: ObservedTally[K] };

export interface DeskHooks {
  schedule(at: number, step: DeskStep, call: SimCall): void;
  tell(event: CallEvent): void;
  /** Nothing more will happen to this call. */
  ended(call: SimCall): void;
}

/**
 * The agents' side of a campaign: a callee who can be connected meets a free agent within the
 * 2 s or hears the message; an agent talks, wraps up after a person, and when free takes the
 * callee who has waited longest. Shifts come and go through the agent pool (idle agents leave
 * at once, busy ones after their call).
 */
export class AgentDesk {
  private readonly pool: AgentPool;
  private readonly onCall = new CallList();
  /** Callees waiting for an agent, longest-waiting first. */
  readonly waiting: SimCall[] = [];

  constructor(
    private readonly config: CampaignConfig,
    private readonly meter: CampaignMeter,
    private readonly tally: Tally,
    private readonly hooks: DeskHooks,
  ) {
    this.pool = createAgentPool(config.staffing[0]?.agents ?? 0);
  }

  get scheduled(): number {
    return this.pool.scheduled;
  }
  get onShift(): number {
    return this.pool.onShift;
  }
  get idle(): number {
    return this.pool.idle;
  }
  /** One entry per busy agent: the call it is on (talking or wrapping up). */
  get busy(): readonly BusyAgentView[] {
    return this.onCall.items;
  }

  /** The callee can be connected from `now`: an agent within the 2 s, or the message. */
  offer(call: SimCall, now: number): void {
    call.offeredAt = now;
    if (this.pool.idle > 0) return this.connect(call, now);
    call.state = 'waiting';
    this.waiting.push(call);
    this.hooks.schedule(now + this.config.connectWithinSeconds * 1000, 'deadline', call);
  }

  step(step: DeskStep, call: SimCall, now: number): void {
    switch (step) {
      case 'deadline':
        return this.deadline(call, now);
      case 'talk-end':
        if (call.contact.outcome === 'machine') return this.free(call, now);
        call.state = 'wrap-up';
        call.phaseSince = now;
        this.hooks.schedule(now + this.config.wrapUpSeconds * 1000, 'wrap-end', call);
        return;
      case 'wrap-end':
        return this.free(call, now);
    }
  }

  restaff(agents: number, now: number): void {
    this.serveWaiting(this.pool.restaff(agents), now);
  }

  private deadline(call: SimCall, now: number): void {
    if (call.state !== 'waiting') return; // connected in time
    this.waiting.splice(this.waiting.indexOf(call), 1);
    this.tally.dropped++;
    if (call.contact.outcome === 'human') this.meter.abandon(now);
    else this.meter.droppedMachines++;
    this.hooks.ended(call);
    this.hooks.tell({ kind: 'dropped', at: now, contact: call.contact.index });
  }

  private connect(call: SimCall, now: number): void {
    this.pool.startCall();
    call.state = 'talk';
    call.connectedAt = call.phaseSince = now;
    this.onCall.add(call);
    const machine = call.contact.outcome === 'machine';
    if (machine) {
      this.tally.connectedMachines++;
      this.meter.connectedMachines++;
    } else {
      this.tally.connectedHumans++;
      this.meter.connected(now, now - call.offeredAt);
    }
    this.hooks.schedule(now + call.contact.talkSeconds * 1000, 'talk-end', call);
    this.hooks.tell({ kind: 'connected', at: now, contact: call.contact.index, machine });
  }

  private free(call: SimCall, now: number): void {
    this.onCall.remove(call);
    this.hooks.ended(call);
    this.hooks.tell({ kind: 'agent-free', at: now, contact: call.contact.index });
    if (this.pool.endCall()) this.serveWaiting(1, now);
  }

  /** Agents who just became free take the longest-waiting callees. */
  private serveWaiting(agents: number, now: number): void {
    for (let n = agents; n > 0 && this.waiting.length > 0; n--) {
      this.connect(this.waiting.shift() as SimCall, now);
    }
  }
}
