import type { Contact } from './contacts.js';
import type { BusyAgentView, RingingCallView, WaitingCallView } from './pacer.js';

export type CallState =
  'queued' | 'ringing' | 'detecting' | 'waiting' | 'talk' | 'wrap-up' | 'ended';

/**
 * One dial from the CPS queue to its end. It is also what dialers see of it (ringing, waiting,
 * or the busy agent on it) through the narrower view types, which leave its contact out.
 */
export class SimCall implements RingingCallView, WaitingCallView, BusyAgentView {
  state: CallState = 'queued';
  startedAt = Number.NaN;
  offeredAt = Number.NaN;
  connectedAt = Number.NaN;
  phaseSince = Number.NaN;
  /** Its index in the list that holds it now (ringing calls, busy agents). */
  slot = -1;

  constructor(readonly contact: Contact) {}

  get phase(): 'talk' | 'wrap-up' {
    return this.state === 'wrap-up' ? 'wrap-up' : 'talk';
  }
}

/** An unordered list with O(1) removal: the removed item's place takes the last one. */
export class CallList {
  readonly items: SimCall[] = [];

  add(call: SimCall): void {
    call.slot = this.items.length;
    this.items.push(call);
  }

  remove(call: SimCall): void {
    const last = this.items.pop() as SimCall;
    if (last !== call) {
      this.items[call.slot] = last;
      last.slot = call.slot;
    }
    call.slot = -1;
  }
}
