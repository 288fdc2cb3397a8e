import { type AgentPool, createAgentPool } from '../agent-pool.js';
import { createEventQueue } from '../event-queue.js';
import { type CampaignConfig, campaignConfigProblems } from './campaign-config.js';
import { CampaignMeter, type CampaignResult } from './campaign-meter.js';
import type { Contact } from './contacts.js';
import { CpsGate } from './cps-gate.js';
import type { CallEvent, DialerView, ObservedTally, Pacer } from './pacer.js';
import { CallList, SimCall } from './sim-call.js';

type SimEvent =
  | { readonly kind: 'tick' | 'cps' }
  | {
      readonly kind: 'ring-end' | 'amd' | 'deadline' | 'talk-end' | 'wrap-end';
      readonly call: SimCall;
    }
  | { readonly kind: 'staffing'; readonly agents: number };

const TICK: SimEvent = { kind: 'tick' };
const CPS: SimEvent = { kind: 'cps' };

/**
 * One outbound campaign in virtual time (ms), dialed by one pacer over a given list. The pacer is
 * asked at every tick and after every event; the CPS gate, the agents and the 2-second rule are
 * the simulator's. Runs once.
 */
export function runCampaign(
  config: CampaignConfig,
  contacts: readonly Contact[],
  pacer: Pacer,
): CampaignResult {
  const problems = campaignConfigProblems(config);
  if (problems.length > 0) throw new Error(`campaign config: ${problems.join('; ')}`);
  return new CampaignRun(config, contacts, pacer).run();
}

class CampaignRun {
  private readonly events = createEventQueue<SimEvent>();
  private readonly agents: AgentPool;
  private readonly gate: CpsGate<SimCall>;
  private readonly meter: CampaignMeter;
  private readonly ringing = new CallList();
  private readonly busy = new CallList();
  private readonly waiting: SimCall[] = [];
  private readonly tally = {
    started: 0,
    connectedHumans: 0,
    connectedMachines: 0,
    dropped: 0,
    amdMachines: 0,
    busy: 0,
    noAnswer: 0,
  } satisfies ObservedTally;
  private readonly endMs: number;
  private now = 0;
  private next = 0; // the next contact to dial
  private inFlight = 0; // dialed and not ended
  private detecting = 0;
  private cpsWakeAt: number | undefined;

  constructor(
    private readonly config: CampaignConfig,
    private readonly contacts: readonly Contact[],
    private readonly pacer: Pacer,
  ) {
    this.agents = createAgentPool(config.staffing[0]?.agents ?? 0);
    this.gate = new CpsGate(config.callsPerSecond);
    this.meter = new CampaignMeter(config.bucketSeconds * 1000);
    this.endMs = config.durationSeconds * 1000;
  }

  run(): CampaignResult {
    for (const { fromSeconds, agents } of this.config.staffing.slice(1)) {
      this.events.push(fromSeconds * 1000, { kind: 'staffing', agents });
    }
    this.events.push(0, TICK);
    let endedAt: number;
    for (let next = this.events.pop(); ; next = this.events.pop()) {
      if (next === undefined || next.at > this.endMs) {
        endedAt = next === undefined ? this.now : this.endMs;
        break;
      }
      this.meter.hold(this.now, next.at, this.agents.busy, this.agents.onShift);
      this.now = next.at;
      this.handle(next.event);
      if (this.dialing()) this.decide(next.event.kind === 'tick' ? 'tick' : 'event');
      else if (this.next >= this.contacts.length && this.inFlight === 0) {
        endedAt = this.now; // the list and its calls ran out: the agents' day ends here
        break;
      }
    }
    this.meter.hold(this.now, endedAt, this.agents.busy, this.agents.onShift);
    return this.meter.result({
      pacer: this.pacer.name,
      contactsDialed: this.next,
      started: this.tally.started,
      maxStartsPerSecond: this.gate.maxStartsPerSecond,
      callsPerSecond: this.config.callsPerSecond,
      endedAt,
    });
  }

  private readonly scheduledAt = (at: number): number => {
    let agents = 0;
    for (const shift of this.config.staffing)
      if (shift.fromSeconds * 1000 <= at) agents = shift.agents;
    return agents;
  };

  private dialing(): boolean {
    return this.now < this.endMs && this.next < this.contacts.length;
  }

  private handle(event: SimEvent): void {
    switch (event.kind) {
      case 'tick':
        if (this.dialing()) this.events.push(this.now + this.config.tickMs, TICK);
        return;
      case 'cps':
        this.cpsWakeAt = undefined;
        return this.startDue();
      case 'ring-end':
        return this.ringEnd(event.call);
      case 'amd':
        return this.amdVerdict(event.call);
      case 'deadline':
        return this.deadline(event.call);
      case 'talk-end':
        if (event.call.contact.outcome === 'machine') return this.freeAgent(event.call);
        event.call.state = 'wrap-up';
        event.call.phaseSince = this.now;
        this.events.push(this.now + this.config.wrapUpSeconds * 1000, {
          kind: 'wrap-end',
          call: event.call,
        });
        return;
      case 'wrap-end':
        return this.freeAgent(event.call);
      case 'staffing':
        return this.serveWaiting(this.agents.restaff(event.agents));
    }
  }

  private decide(trigger: DialerView['trigger']): void {
    const wanted = Math.floor(this.pacer.decide(this.view(trigger)));
    const count = Math.min(Math.max(0, wanted), this.contacts.length - this.next);
    for (let i = 0; i < count; i++) {
      const call = new SimCall(this.contacts[this.next++] as Contact);
      this.inFlight++;
      this.gate.enqueue(call);
      this.tell({ kind: 'dialed', at: this.now, contact: call.contact.index });
    }
    if (count > 0) this.startDue();
  }

  private view(trigger: DialerView['trigger']): DialerView {
    return {
      now: this.now,
      trigger,
      callsPerSecond: this.config.callsPerSecond,
      startsAvailableNow: this.gate.availableAt(this.now),
      queuedDials: this.gate.queued,
      nextContact: this.next,
      contactsLeft: this.contacts.length - this.next,
      agents: {
        scheduled: this.agents.scheduled,
        onShift: this.agents.onShift,
        idle: this.agents.idle,
        busy: this.busy.items,
        scheduledAt: this.scheduledAt,
      },
      ringing: this.ringing.items,
      detecting: this.detecting,
      waiting: this.waiting,
      tally: this.tally,
    };
  }

  private startDue(): void {
    for (const call of this.gate.startDue(this.now)) {
      call.state = 'ringing';
      call.startedAt = this.now;
      this.ringing.add(call);
      this.tally.started++;
      this.events.push(this.now + call.contact.ringSeconds * 1000, { kind: 'ring-end', call });
      this.tell({ kind: 'started', at: this.now, contact: call.contact.index });
    }
    if (this.gate.queued > 0 && this.cpsWakeAt === undefined) {
      this.cpsWakeAt = this.gate.nextStartAt(this.now);
      this.events.push(this.cpsWakeAt, CPS);
    }
  }

  private ringEnd(call: SimCall): void {
    this.ringing.remove(call);
    const { outcome, index } = call.contact;
    if (outcome === 'busy' || outcome === 'no-answer') {
      if (outcome === 'busy') this.tally.busy++;
      else this.tally.noAnswer++;
      this.end(call);
      return this.tell({ kind: outcome, at: this.now, contact: index });
    }
    this.tell({ kind: 'answered', at: this.now, contact: index });
    const { amd } = this.config;
    if (amd === undefined) return this.offer(call);
    call.state = 'detecting';
    this.detecting++;
    this.events.push(this.now + amd.detectSeconds * 1000, { kind: 'amd', call });
  }

  private amdVerdict(call: SimCall): void {
    this.detecting--;
    if (!call.contact.amdSaysMachine) return this.offer(call);
    // Hung up on as a machine; a person so treated is abandoned under the UK rule.
    if (call.contact.outcome === 'human') this.meter.falsePositive(this.now);
    this.tally.amdMachines++;
    this.end(call);
    this.tell({ kind: 'amd-machine', at: this.now, contact: call.contact.index });
  }

  /** The callee can be connected from now: an agent within the 2 s, or the message. */
  private offer(call: SimCall): void {
    call.offeredAt = this.now;
    if (this.agents.idle > 0) return this.connect(call);
    call.state = 'waiting';
    this.waiting.push(call);
    const deadline = this.now + this.config.connectWithinSeconds * 1000;
    this.events.push(deadline, { kind: 'deadline', call });
  }

  private deadline(call: SimCall): void {
    if (call.state !== 'waiting') return;
    this.waiting.splice(this.waiting.indexOf(call), 1);
    this.tally.dropped++;
    if (call.contact.outcome === 'human') this.meter.abandon(this.now);
    else this.meter.droppedMachines++;
    this.end(call);
    this.tell({ kind: 'dropped', at: this.now, contact: call.contact.index });
  }

  private connect(call: SimCall): void {
    this.agents.startCall();
    call.state = 'talk';
    call.connectedAt = call.phaseSince = this.now;
    this.busy.add(call);
    const machine = call.contact.outcome === 'machine';
    if (machine) {
      this.tally.connectedMachines++;
      this.meter.connectedMachines++;
    } else {
      this.tally.connectedHumans++;
      this.meter.connected(this.now, this.now - call.offeredAt);
    }
    this.events.push(this.now + call.contact.talkSeconds * 1000, { kind: 'talk-end', call });
    this.tell({ kind: 'connected', at: this.now, contact: call.contact.index, machine });
  }

  private freeAgent(call: SimCall): void {
    this.busy.remove(call);
    this.end(call);
    this.tell({ kind: 'agent-free', at: this.now, contact: call.contact.index });
    if (this.agents.endCall()) this.serveWaiting(1);
  }

  /** Agents who just became free take the longest-waiting callees. */
  private serveWaiting(agents: number): void {
    for (let n = agents; n > 0 && this.waiting.length > 0; n--) {
      this.connect(this.waiting.shift() as SimCall);
    }
  }

  private end(call: SimCall): void {
    call.state = 'ended';
    this.inFlight--;
  }

  private tell(event: CallEvent): void {
    this.pacer.observe?.(event);
  }
}
