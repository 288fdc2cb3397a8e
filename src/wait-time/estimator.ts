import type { StatsSnapshot } from '../stats/queue-stats.js';

/**
 * The one interface the call path asks for a wait estimate. Issue #2 ships a position-based
 * estimator; the learned one replaces it behind the same shape. Synchronous on purpose: the
 * call path answers from the snapshot it already read and from what the estimator holds in
 * memory, and never waits on I/O for it (see StatsStore.currentSnapshot).
 */
export type WaitEstimate =
  | { readonly kind: 'known'; readonly seconds: number }
  | { readonly kind: 'unknown'; readonly reason: UnknownReason };

export type UnknownReason = 'no-stats' | 'stale-stats' | 'too-little-data' | 'no-position';

export interface WaitEstimateRequest {
  readonly queue: string;
  /** 1 = next to be served. */
  readonly position: number;
  /** The stats this answer is built from: one read per webhook, so one consistent view. */
  readonly snapshot: StatsSnapshot | undefined;
}

export interface WaitEstimator {
  estimate(request: WaitEstimateRequest): WaitEstimate;
}
