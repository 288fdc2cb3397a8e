/** Outcomes are counted per hour of the epoch (UTC): the legal windows are whole hours. */
export const HOUR_MS = 3_600_000;

/**
 * Hours a campaign keeps: the longest legal window (the US rule's 30 days) and the hour its
 * start falls in. Older hours are dropped when a newer one is first counted.
 */
export const OUTCOME_HOURS_KEPT = 30 * 24 + 1;

/** The outcomes the abandonment rules count, summed over some hours. */
export interface OutcomeCounts {
  /** People who answered and reached a rep. */
  readonly connected: number;
  /** People who answered and did not (they heard the message). */
  readonly abandoned: number;
  /** Calls answering-machine detection said a machine took. */
  readonly machine: number;
}

export type CountedOutcome = keyof OutcomeCounts;

/** One hour's counts, as the embedded store's snapshot keeps them. */
export type OutcomeHourSnapshot = readonly [hour: number, ...counts: [number, number, number]];

export const NO_OUTCOMES: OutcomeCounts = Object.freeze({ connected: 0, abandoned: 0, machine: 0 });

export function hourOf(at: number): number {
  return Math.floor(at / HOUR_MS);
}

export function isCountedOutcome(outcome: string): outcome is CountedOutcome {
  return outcome === 'connected' || outcome === 'abandoned' || outcome === 'machine';
}

/**
 * One campaign's outcomes per hour, counted in the step that ends each attempt (at its end
 * time), so the counts over a window are exact. The Redis store's scripts do the same in a hash
 * (redis-campaign-scripts.ts).
 */
export class OutcomeHours {
  private readonly hours = new Map<
    number,
    { connected: number; abandoned: number; machine: number }
  >();

  count(outcome: CountedOutcome, at: number): void {
    const hour = hourOf(at);
    let counts = this.hours.get(hour);
    if (counts === undefined) {
      counts = { connected: 0, abandoned: 0, machine: 0 };
      this.hours.set(hour, counts);
      for (const kept of this.hours.keys()) {
        if (kept <= hour - OUTCOME_HOURS_KEPT) this.hours.delete(kept);
      }
    }
    counts[outcome] += 1;
  }

  /** The sums over every hour from the one `since` falls in (whole hours: see windowStart). */
  since(since: number): OutcomeCounts {
    const first = hourOf(since);
    const sums = { connected: 0, abandoned: 0, machine: 0 };
    for (const [hour, counts] of this.hours) {
      if (hour < first) continue;
      sums.connected += counts.connected;
      sums.abandoned += counts.abandoned;
      sums.machine += counts.machine;
    }
    return sums;
  }

  snapshot(): OutcomeHourSnapshot[] {
    return [...this.hours].map(([hour, c]) => [hour, c.connected, c.abandoned, c.machine]);
  }

  static fromSnapshot(hours: readonly OutcomeHourSnapshot[]): OutcomeHours {
    const restored = new OutcomeHours();
    for (const [hour, connected, abandoned, machine] of hours) {
      restored.hours.set(hour, { connected, abandoned, machine });
    }
    return restored;
  }
}
