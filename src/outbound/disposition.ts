import type { AttemptOutcome } from './attempt.js';

/**
 * One finished attempt, for downstream consumers (`call_dispositions`): exactly one per attempt,
 * whichever of the status callback, Event Streams or reconciliation saw the end first.
 */
export interface Disposition {
  readonly campaignId: string;
  readonly attemptId: string;
  readonly contactId: string;
  readonly phone: string;
  readonly attempt: number;
  readonly outcome: AttemptOutcome;
  readonly callSid?: string;
  readonly reason?: string;
  /** No more attempts will be made for this contact. */
  readonly final: boolean;
  /** Epoch ms. */
  readonly at: number;
}

/** What the queue service tells the campaign manager (`queue_event_stream`). */
export interface QueueEvent {
  readonly campaignId: string;
  readonly event: 'started' | 'paused' | 'resumed' | 'stopped' | 'complete';
  readonly at: number;
}
