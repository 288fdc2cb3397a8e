import type { QueueEvent } from './queue-events.js';

/** A caller put into a queue: /voice/incoming answered with an Enqueue for it. */
export interface QueueEntry {
  readonly queue: string;
  /** When the caller entered (epoch ms, or virtual ms in the simulator). */
  readonly at: number;
  readonly callSid: string | undefined;
}

/**
 * What the learned estimator learns from: callers entering a queue and leaving it (served,
 * abandoned, or taken out), as the webhooks see them. The simulator calls the same two methods
 * in virtual time, so the benchmark drives exactly the code the call path drives.
 */
export interface QueueActivityListener {
  callerEntered(entry: QueueEntry): void;
  callerLeft(event: QueueEvent): void;
}

/**
 * The app's side of it: what the webhooks tell the learner, and what the call path reads back.
 * `callerDropped` is for a caller who never really waited after all (queue full, an error):
 * they leave the count without teaching anything about rates.
 */
export interface QueueActivity extends QueueActivityListener {
  callerDropped(entry: { readonly queue: string; readonly callSid: string | undefined }): void;
  /** Callers in the queue now, by this process's own count; undefined if it saw none enter. */
  waiting(queue: string): number | undefined;
}

/**
 * For a process whose own webhooks are not the whole story (many web processes, until they
 * share their queue events): it learns nothing and counts nobody, so readers use the stats.
 */
export const NO_QUEUE_ACTIVITY: QueueActivity = Object.freeze({
  callerEntered: () => undefined,
  callerLeft: () => undefined,
  callerDropped: () => undefined,
  waiting: () => undefined,
});
