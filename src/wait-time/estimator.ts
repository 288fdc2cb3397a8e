/**
 * The one interface the call path asks for a wait estimate. Issue #2 ships a position-based
 * estimator; the learned one replaces it behind the same shape.
 */
export type WaitEstimate =
  | { readonly kind: 'known'; readonly seconds: number }
  | { readonly kind: 'unknown'; readonly reason: UnknownReason };

export type UnknownReason = 'no-stats' | 'stale-stats' | 'too-little-data' | 'no-position';

export interface WaitEstimateRequest {
  readonly queue: string;
  /** 1 = next to be served. */
  readonly position: number;
}

export interface WaitEstimator {
  estimate(request: WaitEstimateRequest): Promise<WaitEstimate>;
}
