import type { Attempt } from '../outbound/attempt.js';
import { isMachine } from '../outbound/call-outcome.js';
import { PacingModel } from './pacing-model.js';

/**
 * Feeds a campaign's pacing model from the active attempts the runner reads every turn: an
 * attempt that has left the set has ended, as last seen — answered by someone a rep took or
 * waited for (not a machine), or not; a call that had a rep freed that rep. Ended attempts are
 * seen within a turn (≤ 1 s) of their end, which is all the precision the model needs.
 */
export class PacingObserver {
  readonly model = new PacingModel();
  private lastSeen = new Map<string, Attempt>();

  observe(active: readonly Attempt[], now: number): void {
    const current = new Map(active.map((attempt) => [attempt.id, attempt]));
    for (const [id, attempt] of this.lastSeen) {
      if (!current.has(id)) this.ended(attempt, now);
    }
    this.lastSeen = current;
  }

  private ended(attempt: Attempt, now: number): void {
    const dialedAt = attempt.dialedAt;
    if (dialedAt === undefined) return; // never sent: released, or screened out
    const answered = attempt.answeredAt !== undefined && !isMachine(attempt.answeredBy);
    this.model.dialSettled(answered, (attempt.answeredAt ?? now) - dialedAt);
    // The rep loop sends a rep straight back: no wrap-up.
    if (attempt.connectedAt !== undefined) this.model.repFreed(now - attempt.connectedAt, 0);
  }
}
