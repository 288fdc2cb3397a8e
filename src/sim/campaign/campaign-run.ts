import { createEventQueue } from '../event-queue.js';
import { AgentDesk, type DeskStep, type Tally } from './agent-desk.js';
import { type CampaignConfig, campaignConfigProblems, scheduledAgents } from './campaign-config.js';
import { CampaignMeter, type CampaignResult } from './campaign-meter.js';
import type { Contact } from './contacts.js';
import { CpsGate } from './cps-gate.js';
import type { CallEvent, DialerView, Pacer } from './pacer.js';
import { CallList, SimCall } from './sim-call.js';

type SimEvent =
  | { readonly kind: 'tick' | 'cps' }
  | { readonly kind: 'ring-end' | 'amd' | DeskStep; readonly call: SimCall }
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
  private readonly desk: AgentDesk;
  private readonly gate: CpsGate<SimCall>;
  private readonly meter: CampaignMeter;
  private readonly ringing = new CallList();
  private readonly tally: Tally = {
    started: 0,
    connectedHumans: 0,
    connectedMachines: 0,
    dropped: 0,
    amdMachines: 0,
    busy: 0,
    noAnswer: 0,
  };
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
    this.gate = new CpsGate(config.callsPerSecond);
    this.meter = new CampaignMeter(config.bucketSeconds * 1000);
    this.desk = new AgentDesk(config, this.meter, this.tally, {
      schedule: (at, kind, call) => this.events.push(at, { kind, call }),
      tell: (event) => this.tell(event),
      ended: (call) => this.end(call),
    });
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
      this.meter.hold(this.now, next.at, this.desk.busy.length, this.desk.onShift);
      this.now = next.at;
      this.handle(next.event);
      if (this.dialing()) this.decide(next.event.kind === 'tick' ? 'tick' : 'event');
      else if (this.next >= this.contacts.length && this.inFlight === 0) {
        endedAt = this.now; // the list and its calls ran out: the agents' day ends here
        break;
      }
    }
    this.meter.hold(this.now, endedAt, this.desk.busy.length, this.desk.onShift);
    return this.meter.result({
      pacer: this.pacer.name,
      contactsDialed: this.next,
      started: this.tally.started,
      maxStartsPerSecond: this.gate.maxStartsPerSecond,
      callsPerSecond: this.config.callsPerSecond,
      endedAt,
    });
  }

  private readonly scheduledAt = (at: number) => scheduledAgents(this.config.staffing, at);

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
      case 'talk-end':
      case 'wrap-end':
        return this.desk.step(event.kind, event.call, this.now);
      case 'staffing':
        return this.desk.restaff(event.agents, this.now);
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
        scheduled: this.desk.scheduled,
        onShift: this.desk.onShift,
        idle: this.desk.idle,
        busy: this.desk.busy,
        scheduledAt: this.scheduledAt,
      },
      ringing: this.ringing.items,
      detecting: this.detecting,
      waiting: this.desk.waiting,
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
    if (amd === undefined) return this.desk.offer(call, this.now);
    call.state = 'detecting';
    this.detecting++;
    this.events.push(this.now + amd.detectSeconds * 1000, { kind: 'amd', call });
  }

  private amdVerdict(call: SimCall): void {
    this.detecting--;
    if (!call.contact.amdSaysMachine) return this.desk.offer(call, this.now);
    // Hung up on as a machine; a person so treated is abandoned under the UK rule.
    if (call.contact.outcome === 'human') this.meter.falsePositive(this.now);
    this.tally.amdMachines++;
    this.end(call);
    this.tell({ kind: 'amd-machine', at: this.now, contact: call.contact.index });
  }

  private end(call: SimCall): void {
    call.state = 'ended';
    this.inFlight--;
  }

  private tell(event: CallEvent): void {
    this.pacer.observe?.(event);
  }
}
