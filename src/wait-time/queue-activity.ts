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
