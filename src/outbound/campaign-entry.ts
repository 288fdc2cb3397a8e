import type { Attempt } from './attempt.js';
import type { CampaignExecution, CampaignStatus } from './campaign.js';
import type { CampaignCounts } from './campaign-store.js';
import type { Contact } from './contact.js';
import { ContactCache, type ContactCacheSnapshot } from './contact-cache.js';
import type { Disposition, QueueEvent } from './disposition.js';
import { isCountedOutcome, OutcomeHours, type OutcomeHourSnapshot } from './outcome-hours.js';

const TALLIES = [
  'dialed',
  'answered',
  'connected',
  'abandoned',
  'machine',
  'failed',
  'finished',
] as const;
type Tally = (typeof TALLIES)[number];

/**
 * One execution's whole state as plain JSON: what the embedded store's snapshot keeps, so that
 * a restart reads it instead of replaying every step since the campaign was created. Every map
 * is kept as its entries in insertion order, since the book's answers follow that order.
 */
export interface CampaignEntrySnapshot {
  readonly execution: CampaignExecution;
  readonly status: CampaignStatus;
  readonly contacts: readonly Contact[];
  readonly cache: ContactCacheSnapshot;
  readonly sequences: readonly (readonly [string, number])[];
  readonly tries: readonly (readonly [string, number])[];
  readonly attempts: readonly Attempt[];
  readonly active: readonly string[];
  readonly calls: readonly (readonly [string, string])[];
  readonly dispositions: readonly Disposition[];
  readonly queueEvents: readonly QueueEvent[];
  readonly tallies: Readonly<Record<Tally, number>>;
  /** Absent in snapshots written before hours were counted: rebuilt from the ended attempts. */
  readonly outcomeHours?: readonly OutcomeHourSnapshot[];
}

/** One execution's whole state, in memory (the book's to change). */
export class CampaignEntry {
  status: CampaignStatus = 'ready';
  readonly contacts = new Map<string, Contact>();
  /**
   * Per contact: the last attempt id's sequence (never reused, so a call that surfaces late
   * cannot be taken for a newer attempt) and the attempts that ended (released ones never count).
   */
  readonly sequences = new Map<string, number>();
  readonly tries = new Map<string, number>();
  readonly attempts = new Map<string, Attempt>();
  readonly active = new Set<string>();
  readonly calls = new Map<string, string>();
  readonly dispositions: Disposition[] = [];
  readonly queueEvents: QueueEvent[] = [];
  dialed = 0;
  answered = 0;
  connected = 0;
  abandoned = 0;
  machine = 0;
  failed = 0;
  finished = 0;

  constructor(
    readonly execution: CampaignExecution,
    readonly cache = new ContactCache(),
    readonly outcomeHours = new OutcomeHours(),
  ) {}

  counts(): CampaignCounts {
    return {
      total: this.contacts.size,
      remaining: this.cache.size,
      dialed: this.dialed,
      active: this.active.size,
      answered: this.answered,
      connected: this.connected,
      abandoned: this.abandoned,
      machine: this.machine,
      failed: this.failed,
      finished: this.finished,
    };
  }

  snapshot(): CampaignEntrySnapshot {
    return {
      execution: this.execution,
      status: this.status,
      contacts: [...this.contacts.values()],
      cache: this.cache.snapshot(),
      sequences: [...this.sequences],
      tries: [...this.tries],
      attempts: [...this.attempts.values()],
      active: [...this.active],
      calls: [...this.calls],
      dispositions: [...this.dispositions],
      queueEvents: [...this.queueEvents],
      tallies: Object.fromEntries(TALLIES.map((t) => [t, this[t]])) as Record<Tally, number>,
      outcomeHours: this.outcomeHours.snapshot(),
    };
  }

  static fromSnapshot(snapshot: CampaignEntrySnapshot): CampaignEntry {
    const entry = new CampaignEntry(
      snapshot.execution,
      ContactCache.fromSnapshot(snapshot.cache),
      snapshot.outcomeHours === undefined
        ? hoursOfEnded(snapshot.attempts)
        : OutcomeHours.fromSnapshot(snapshot.outcomeHours),
    );
    entry.status = snapshot.status;
    for (const contact of snapshot.contacts) entry.contacts.set(contact.id, contact);
    for (const [id, n] of snapshot.sequences) entry.sequences.set(id, n);
    for (const [id, n] of snapshot.tries) entry.tries.set(id, n);
    for (const attempt of snapshot.attempts) entry.attempts.set(attempt.id, attempt);
    for (const id of snapshot.active) entry.active.add(id);
    for (const [sid, id] of snapshot.calls) entry.calls.set(sid, id);
    entry.dispositions.push(...snapshot.dispositions);
    entry.queueEvents.push(...snapshot.queueEvents);
    for (const tally of TALLIES) entry[tally] = snapshot.tallies[tally];
    return entry;
  }
}

/** The hours as the steps that ended these attempts would have counted them. */
function hoursOfEnded(attempts: readonly Attempt[]): OutcomeHours {
  const ended = attempts.flatMap(({ outcome, endedAt }) =>
    outcome !== undefined && endedAt !== undefined && isCountedOutcome(outcome)
      ? [{ outcome, endedAt }]
      : [],
  );
  const hours = new OutcomeHours();
  for (const { outcome, endedAt } of ended.sort((a, b) => a.endedAt - b.endedAt)) {
    hours.count(outcome, endedAt);
  }
  return hours;
}
