import type { QueueEvent } from './queue-events.js';

/** A caller put into a queue: /voice/incoming answered with an Enqueue for it. */
export interface QueueEntry {
  readonly queue: string;
  /** When the caller entered (epoch ms, or virtual ms in the simulator). */
  readonly at: number;
  readonly callSid: string | undefined;
  /** The wait the greeting announced (seconds), when it spoke one. */
  readonly announcedSeconds?: number;
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
 * Twilio's own count of a queue: CurrentQueueSize on a wait turn, or the Voice queue size the
 * poller read. `at` is a time by which the count had been read (for a poll, when the cycle
 * started): the count holds every change made before it.
 */
export interface QueueSizeObservation {
  readonly queue: string;
  readonly size: number;
  readonly at: number;
}

export interface QueueSizeObserver {
  queueSizeObserved(observation: QueueSizeObservation): void;
}

/**
 * The app's side of it: what the webhooks tell the learner, and what the call path reads back.
 * `callerDropped` is for a caller who never really waited after all (queue full, an error):
 * they leave the count without teaching anything about rates. `queueSizeObserved` sets the
 * count right when callers came or went unseen (a restart, another path into the queue, a
 * queue result that never arrived).
 */
export interface QueueActivity extends QueueActivityListener, QueueSizeObserver {
  callerDropped(entry: { readonly queue: string; readonly callSid: string | undefined }): void;
  /** Callers in the queue now, by this process's own count; undefined if it saw none enter. */
  waiting(queue: string): number | undefined;
}
