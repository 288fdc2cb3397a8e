import {
  type CampaignConfig,
  STANDARD_CAMPAIGN,
} from '../../../src/sim/campaign/campaign-config.js';
import type { Contact, ContactOutcome } from '../../../src/sim/campaign/contacts.js';
import type { DialerView, Pacer } from '../../../src/sim/campaign/pacer.js';

/** A small campaign to check by hand: one agent, 30 s wrap-up, 10 CPS, ticks every second. */
export function handConfig(changes: Partial<CampaignConfig> = {}): CampaignConfig {
  return {
    ...STANDARD_CAMPAIGN,
    durationSeconds: 3600,
    staffing: [{ fromSeconds: 0, agents: 1 }],
    wrapUpSeconds: 30,
    machineSeconds: 8,
    ...changes,
  };
}

/** A contact written down by hand (the list is then `contacts.length` long). */
export function contact(
  index: number,
  outcome: ContactOutcome,
  ringSeconds: number,
  talkSeconds = 0,
  amdSaysMachine = outcome === 'machine',
): Contact {
  return { index, outcome, ringSeconds, talkSeconds, amdSaysMachine };
}

/** Dials the whole list at the first tick, and nothing after. */
export function dialEverythingAtOnce(): Pacer {
  let done = false;
  return {
    name: 'all-at-once',
    decide(view) {
      if (done) return 0;
      done = true;
      return view.contactsLeft;
    },
  };
}

/** A view a dialer could see, with every field given a plain default (agents: 1 idle). */
export function view(
  fields: Partial<Omit<DialerView, 'agents'>> & { agents?: Partial<DialerView['agents']> } = {},
): DialerView {
  const { agents, ...rest } = fields;
  const idle = agents?.idle ?? 1;
  const busy = agents?.busy ?? [];
  // By default the shift plan is everyone logged in now, all day.
  const scheduled = agents?.scheduled ?? idle + busy.length;
  return {
    now: 0,
    trigger: 'tick',
    callsPerSecond: 10,
    startsAvailableNow: 10,
    queuedDials: 0,
    nextContact: 0,
    contactsLeft: 100,
    ringing: [],
    detecting: 0,
    waiting: [],
    tally: {
      started: 0,
      connectedHumans: 0,
      connectedMachines: 0,
      dropped: 0,
      amdMachines: 0,
      busy: 0,
      noAnswer: 0,
    },
    ...rest,
    agents: {
      scheduled,
      onShift: idle + busy.length,
      idle,
      busy,
      scheduledAt: () => scheduled,
      ...agents,
    },
  };
}

/** `n` calls that started ringing at `at`, as a dialer sees them. */
export const ringingSince = (n: number, at = 0) =>
  Array.from({ length: n }, () => ({ startedAt: at }));
export const waitingSince = (n: number, at = 0) =>
  Array.from({ length: n }, () => ({ offeredAt: at }));
