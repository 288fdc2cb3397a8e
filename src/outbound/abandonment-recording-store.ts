import type { Logger } from '../logger.js';
import type { AbandonedNumbers } from './abandoned-numbers.js';
import type { AttemptPatch, AttemptEnd, CampaignStore, PacingState } from './campaign-store.js';
import type { Attempt, AttemptState } from './attempt.js';
import type { CampaignExecution, CampaignStatus } from './campaign.js';
import type { Contact } from './contact.js';
import type { Disposition, QueueEvent } from './disposition.js';
import type { OutcomeCounts } from './outcome-hours.js';

/**
 * A campaign store that tells the abandoned-numbers register of every attempt that ends
 * `abandoned`. Every end goes through the store's `end` (the status callback, Event Streams,
 * reconciliation alike), and it returns the disposition only to the caller that ended the
 * attempt, so each abandonment is recorded once, from the disposition itself. The disposition
 * is durable before the register is written: a register that cannot be written is logged, the
 * end still stands.
 */
export class AbandonmentRecordingStore implements CampaignStore {
  constructor(
    private readonly store: CampaignStore,
    private readonly abandoned: AbandonedNumbers,
    private readonly logger: Logger,
  ) {}

  async end(
    campaignId: string,
    attemptId: string,
    end: AttemptEnd,
  ): Promise<Disposition | undefined> {
    const disposition = await this.store.end(campaignId, attemptId, end);
    if (disposition?.outcome === 'abandoned') {
      try {
        await this.abandoned.record(disposition.phone, disposition.at);
      } catch (error) {
        this.logger.error(
          { err: error, campaign: campaignId, attempt: attemptId },
          'could not record an abandoned call: its number may be called again within 72 hours',
        );
      }
    }
    return disposition;
  }

  create(execution: CampaignExecution, contacts: readonly Contact[]): Promise<boolean> {
    return this.store.create(execution, contacts);
  }
  get(id: string) {
    return this.store.get(id);
  }
  list() {
    return this.store.list();
  }
  contact(campaignId: string, contactId: string): Promise<Contact | undefined> {
    return this.store.contact(campaignId, contactId);
  }
  setStatus(
    id: string,
    from: readonly CampaignStatus[],
    to: CampaignStatus,
    event: QueueEvent | undefined,
  ): Promise<boolean> {
    return this.store.setStatus(id, from, to, event);
  }
  claim(id: string, max: number, now: number): Promise<readonly Attempt[]> {
    return this.store.claim(id, max, now);
  }
  attempt(campaignId: string, attemptId: string): Promise<Attempt | undefined> {
    return this.store.attempt(campaignId, attemptId);
  }
  active(campaignId: string): Promise<readonly Attempt[]> {
    return this.store.active(campaignId);
  }
  advance(
    campaignId: string,
    attemptId: string,
    from: readonly AttemptState[],
    patch: AttemptPatch,
  ): Promise<Attempt | undefined> {
    return this.store.advance(campaignId, attemptId, from, patch);
  }
  release(
    campaignId: string,
    attemptId: string,
    from: readonly AttemptState[],
    dueAt: number,
  ): Promise<boolean> {
    return this.store.release(campaignId, attemptId, from, dueAt);
  }
  completeIfDone(id: string, at: number): Promise<boolean> {
    return this.store.completeIfDone(id, at);
  }
  outcomesSince(campaignId: string, since: number): Promise<OutcomeCounts> {
    return this.store.outcomesSince(campaignId, since);
  }
  setPacingState(campaignId: string, state: PacingState): Promise<void> {
    return this.store.setPacingState(campaignId, state);
  }
  attemptOfCall(campaignId: string, callSid: string): Promise<string | undefined> {
    return this.store.attemptOfCall(campaignId, callSid);
  }
  dispositions(campaignId: string): Promise<readonly Disposition[]> {
    return this.store.dispositions(campaignId);
  }
  queueEvents(campaignId: string): Promise<readonly QueueEvent[]> {
    return this.store.queueEvents(campaignId);
  }
  close(): Promise<void> {
    return this.store.close();
  }
}
