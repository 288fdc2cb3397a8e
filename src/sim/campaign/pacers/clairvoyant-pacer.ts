import type { CampaignConfig } from '../campaign-config.js';
import { type Contact, needsAgent } from '../contacts.js';
import type { CallEvent, DialerView, Pacer } from '../pacer.js';

/**
 * The ceiling: a dialer that knows every contact's outcome, ring time and talk time before it
 * dials. It keeps the list's order and never queues past the CPS, dials at once whatever will
 * not need an agent, and holds a call that will until it would be answered no earlier than
 * `EARLY_MS` before an agent frees — so a person waits at most that long (under the 2 s) and
 * no agent waits for a person. It knows the shift plan too.
 */
export class ClairvoyantPacer implements Pacer {
  readonly name = 'clairvoyant';
  /** When the agent on each connected call will be free (contact index → ms). */
  private readonly freeAt = new Map<number, number>();
  /** Dialed calls that will need an agent, not yet connected: when each will be offered. */
  private readonly planned = new Map<number, number>();
  private readonly amdOn: boolean;
  private readonly earlyMs: number;

  constructor(
    private readonly config: CampaignConfig,
    private readonly contacts: readonly Contact[],
  ) {
    this.amdOn = config.amd !== undefined;
    // Decisions come at least every tick, so an offer lands in [free − early, free − early + tick).
    this.earlyMs = Math.max(0, config.connectWithinSeconds * 1000 - config.tickMs / 2);
  }

  observe(event: CallEvent): void {
    if (event.kind === 'connected') {
      this.planned.delete(event.contact);
      this.freeAt.set(event.contact, event.at + this.agentMs(this.contact(event.contact)));
    } else if (event.kind === 'agent-free') this.freeAt.delete(event.contact);
    else if (event.kind === 'dropped' || event.kind === 'amd-machine')
      this.planned.delete(event.contact);
  }

  decide(view: DialerView): number {
    const slots = this.agentSlots(view);
    let budget = view.startsAvailableNow;
    let count = 0;
    for (let i = view.nextContact; budget > 0 && i < this.contacts.length; i++) {
      const contact = this.contact(i);
      if (needsAgent(contact, this.amdOn)) {
        const offerAt = view.now + this.offerDelayMs(contact);
        const slot = slots[0];
        if (slot === undefined || offerAt < slot - this.earlyMs) break;
        slots.shift();
        insertSorted(slots, Math.max(slot, offerAt) + this.agentMs(contact));
        this.planned.set(i, offerAt);
      }
      count++;
      budget--;
    }
    return count;
  }

  /** When each agent staying on will next be free, earliest first, counting calls already planned. */
  private agentSlots(view: DialerView): number[] {
    const busy = [...this.freeAt.values()].sort((a, b) => a - b);
    // Agents over the shift plan leave as they finish: the earliest finishers go.
    busy.splice(0, Math.max(0, view.agents.onShift - view.agents.scheduled));
    const slots = [...new Array<number>(view.agents.idle).fill(view.now), ...busy].sort(
      (a, b) => a - b,
    );
    this.applyShiftChanges(slots, view.now);
    const offers = [...this.planned.entries()].sort((a, b) => a[1] - b[1]);
    for (const [index, offerAt] of offers) {
      const slot = slots.shift();
      if (slot === undefined) break;
      insertSorted(slots, Math.max(slot, offerAt) + this.agentMs(this.contact(index)));
    }
    return slots;
  }

  /**
   * Shift changes due before a call dialed now could be answered: agents free at the change
   * leave first (the earliest free), and agents coming on are free from it.
   */
  private applyShiftChanges(slots: number[], now: number): void {
    const horizon =
      now + (this.config.ringTimeoutSeconds + (this.config.amd?.detectSeconds ?? 0)) * 1000;
    for (const { fromSeconds, agents } of this.config.staffing) {
      const at = fromSeconds * 1000;
      if (at <= now || at > horizon) continue;
      if (agents < slots.length) slots.splice(0, slots.length - agents);
      else for (let n = slots.length; n < agents; n++) insertSorted(slots, at);
    }
  }

  private offerDelayMs(contact: Contact): number {
    return (contact.ringSeconds + (this.config.amd?.detectSeconds ?? 0)) * 1000;
  }

  /** How long the call will hold its agent: the talk, plus wrap-up after a person. */
  private agentMs(contact: Contact): number {
    const wrap = contact.outcome === 'human' ? this.config.wrapUpSeconds : 0;
    return (contact.talkSeconds + wrap) * 1000;
  }

  private contact(index: number): Contact {
    return this.contacts[index] as Contact;
  }
}

function insertSorted(sorted: number[], value: number): void {
  let i = sorted.length;
  while (i > 0 && (sorted[i - 1] as number) > value) i--;
  sorted.splice(i, 0, value);
}
