import { attemptId, isActive, type Attempt, type AttemptState } from './attempt.js';
import type { CampaignExecution, CampaignStatus } from './campaign.js';
import { CampaignEntry, type CampaignEntrySnapshot } from './campaign-entry.js';
import type { AttemptEnd, AttemptPatch, CampaignRecord } from './campaign-store.js';
import type { Contact } from './contact.js';
import type { Disposition, QueueEvent } from './disposition.js';
import { isCountedOutcome, NO_OUTCOMES, type OutcomeCounts } from './outcome-hours.js';

/** Every campaign's state as plain JSON (`CampaignBook.snapshot`). */
export interface BookSnapshot {
  readonly campaigns: readonly CampaignEntrySnapshot[];
}

/**
 * Every outbound state change as a synchronous step on memory: the embedded store runs these
 * (and replays its journal through them), and the Redis store's scripts do the same steps, so the
 * one contract suite holds both to the same meaning.
 */
export class CampaignBook {
  private readonly campaigns = new Map<string, CampaignEntry>();

  /** A book in the state `snapshot` (from `snapshot()`, through JSON) describes. */
  static fromSnapshot(snapshot: BookSnapshot): CampaignBook {
    const book = new CampaignBook();
    for (const entry of snapshot.campaigns) {
      book.campaigns.set(entry.execution.id, CampaignEntry.fromSnapshot(entry));
    }
    return book;
  }

  /** The whole state as plain JSON, for the embedded store's compaction. */
  snapshot(): BookSnapshot {
    return { campaigns: [...this.campaigns.values()].map((entry) => entry.snapshot()) };
  }

  create(execution: CampaignExecution, contacts: readonly Contact[]): boolean {
    if (this.campaigns.has(execution.id)) return false;
    const entry = new CampaignEntry(execution);
    for (const contact of contacts) {
      if (entry.contacts.has(contact.id)) continue;
      entry.contacts.set(contact.id, contact);
      entry.cache.addFresh(contact.id);
    }
    this.campaigns.set(execution.id, entry);
    return true;
  }

  get(id: string): CampaignRecord | undefined {
    const entry = this.campaigns.get(id);
    return entry === undefined ? undefined : record(entry);
  }

  list(): CampaignRecord[] {
    return [...this.campaigns.values()].map(record);
  }

  contact(campaignId: string, contactId: string): Contact | undefined {
    return this.campaigns.get(campaignId)?.contacts.get(contactId);
  }

  setStatus(
    id: string,
    from: readonly CampaignStatus[],
    to: CampaignStatus,
    event: QueueEvent | undefined,
  ): boolean {
    const entry = this.campaigns.get(id);
    if (entry === undefined || !from.includes(entry.status)) return false;
    entry.status = to;
    if (event !== undefined) entry.queueEvents.push(event);
    return true;
  }

  claim(id: string, max: number, now: number): Attempt[] {
    const entry = this.campaigns.get(id);
    if (entry === undefined || entry.status !== 'running' || max <= 0) return [];
    return entry.cache.take(max, now).map((contactId) => {
      const contact = entry.contacts.get(contactId)!;
      const sequence = (entry.sequences.get(contactId) ?? 0) + 1;
      entry.sequences.set(contactId, sequence);
      const attempt: Attempt = {
        id: attemptId(contactId, sequence),
        campaignId: id,
        contactId,
        phone: contact.phone,
        number: (entry.tries.get(contactId) ?? 0) + 1,
        state: 'claimed',
        claimedAt: now,
      };
      entry.attempts.set(attempt.id, attempt);
      entry.active.add(attempt.id);
      return attempt;
    });
  }

  attempt(campaignId: string, id: string): Attempt | undefined {
    return this.campaigns.get(campaignId)?.attempts.get(id);
  }

  active(campaignId: string): Attempt[] {
    const entry = this.campaigns.get(campaignId);
    if (entry === undefined) return [];
    return [...entry.active].map((id) => entry.attempts.get(id)!);
  }

  advance(
    campaignId: string,
    id: string,
    from: readonly AttemptState[],
    patch: AttemptPatch,
  ): Attempt | undefined {
    const entry = this.campaigns.get(campaignId);
    const attempt = entry?.attempts.get(id);
    if (entry === undefined || attempt === undefined || !from.includes(attempt.state)) {
      return undefined;
    }
    if (patch.callSid !== undefined) {
      const owner = entry.calls.get(patch.callSid);
      if (owner !== undefined && owner !== id) return undefined;
      if (attempt.callSid === undefined) entry.dialed += 1;
      entry.calls.set(patch.callSid, id);
    }
    const moved: Attempt = { ...attempt, ...definedOnly(patch) };
    entry.attempts.set(id, moved);
    return moved;
  }

  release(campaignId: string, id: string, from: readonly AttemptState[], dueAt: number): boolean {
    const entry = this.campaigns.get(campaignId);
    const attempt = entry?.attempts.get(id);
    if (entry === undefined || attempt === undefined || !from.includes(attempt.state)) {
      return false;
    }
    entry.attempts.delete(id);
    entry.active.delete(id);
    entry.cache.putBack(attempt.contactId, dueAt);
    return true;
  }

  end(campaignId: string, id: string, end: AttemptEnd): Disposition | undefined {
    const entry = this.campaigns.get(campaignId);
    const attempt = entry?.attempts.get(id);
    if (entry === undefined || attempt === undefined || !isActive(attempt)) return undefined;
    const callSid = end.callSid ?? attempt.callSid;
    if (callSid !== undefined && attempt.callSid === undefined) {
      entry.dialed += 1;
      entry.calls.set(callSid, id);
    }
    entry.attempts.set(id, {
      ...attempt,
      state: 'ended',
      outcome: end.outcome,
      endedAt: end.at,
      ...(callSid === undefined ? {} : { callSid }),
      ...(end.callStatus === undefined ? {} : { callStatus: end.callStatus }),
      ...(end.reason === undefined ? {} : { reason: end.reason }),
    });
    entry.active.delete(id);
    entry.tries.set(attempt.contactId, attempt.number);
    countOutcome(entry, end);
    const final = end.retryAt === undefined;
    if (final) entry.finished += 1;
    else entry.cache.putBack(attempt.contactId, end.retryAt);
    const disposition: Disposition = {
      campaignId,
      attemptId: id,
      contactId: attempt.contactId,
      phone: attempt.phone,
      attempt: attempt.number,
      outcome: end.outcome,
      final,
      at: end.at,
      ...(callSid === undefined ? {} : { callSid }),
      ...(end.reason === undefined ? {} : { reason: end.reason }),
    };
    entry.dispositions.push(disposition);
    return disposition;
  }

  completeIfDone(id: string, at: number): boolean {
    const entry = this.campaigns.get(id);
    if (entry?.status !== 'running' || entry.cache.size > 0 || entry.active.size > 0) return false;
    entry.status = 'complete';
    entry.queueEvents.push({ campaignId: id, event: 'complete', at });
    return true;
  }

  outcomesSince(campaignId: string, since: number): OutcomeCounts {
    return this.campaigns.get(campaignId)?.outcomeHours.since(since) ?? NO_OUTCOMES;
  }

  attemptOfCall(campaignId: string, callSid: string): string | undefined {
    return this.campaigns.get(campaignId)?.calls.get(callSid);
  }

  dispositions(campaignId: string): Disposition[] {
    return [...(this.campaigns.get(campaignId)?.dispositions ?? [])];
  }

  queueEvents(campaignId: string): QueueEvent[] {
    return [...(this.campaigns.get(campaignId)?.queueEvents ?? [])];
  }
}

function record(entry: CampaignEntry): CampaignRecord {
  return { execution: entry.execution, status: entry.status, counts: entry.counts() };
}

function countOutcome(entry: CampaignEntry, end: AttemptEnd): void {
  if (isCountedOutcome(end.outcome)) entry.outcomeHours.count(end.outcome, end.at);
  switch (end.outcome) {
    case 'connected':
      entry.answered += 1;
      entry.connected += 1;
      break;
    case 'abandoned':
      entry.answered += 1;
      entry.abandoned += 1;
      break;
    case 'machine':
      entry.machine += 1;
      break;
    case 'busy':
    case 'no-answer':
    case 'canceled':
      break;
    case 'failed':
    case 'do-not-call':
    case 'no-calling-hours':
      if (end.retryAt === undefined) entry.failed += 1;
      break;
  }
}

function definedOnly(patch: AttemptPatch): Partial<Attempt> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
}
