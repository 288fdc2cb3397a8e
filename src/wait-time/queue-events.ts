/**
 * What happened to a caller who left a queue, as Twilio reported it to /voice/queue-result.
 * The estimator learns from these; they are the app's own ground truth. `callback`: the caller
 * left to be called back, keeping their place; neither served nor gone for good.
 * `callback-taken`: a rep took that caller's callback (its callee, from the queue's callback
 * queue): one more service of the queue while it had a backlog, though nobody left its line;
 * `waitSeconds` is then the time from the callback's request to the take.
 */
export type QueueOutcome = 'served' | 'abandoned' | 'left' | 'callback' | 'callback-taken';

export interface QueueEvent {
  readonly queue: string;
  readonly outcome: QueueOutcome;
  readonly waitSeconds: number;
  /** When the caller left the queue (epoch ms). */
  readonly at: number;
  /** Twilio's CallSid; recording is idempotent on it, so a repeated webhook counts once. */
  readonly callSid: string | undefined;
  /**
   * Reported when the call ended, not when the caller left the queue: Twilio requests a
   * bridged caller's <Enqueue action> only once the bridged parties hang up, so `at` is then
   * the end of the call and the wait ended `waitSeconds` after the caller entered.
   */
  readonly reportedAfterCall?: boolean;
}

export interface QueueEventLog {
  /**
   * Returns false when an event for this call and queue was already recorded. A log that checks
   * later, where the event is delivered (Redis mode), answers true at once: then the learner's
   * side (QueueActivity.callerLeft) makes the check, and nothing here may depend on the answer.
   */
  record(event: QueueEvent): Promise<boolean>;
  /** Events of one queue at or after `since`, oldest first. */
  since(queue: string, since: number): Promise<QueueEvent[]>;
}
