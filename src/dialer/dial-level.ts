import type { Attempt } from '../outbound/attempt.js';
import type { CampaignStore, PacingState } from '../outbound/campaign-store.js';

/** A changed dial level is written at most this often... */
const MIN_WRITE_MS = 1_000;
/** ...and an unchanged one this often, so a reader can tell a runner that stopped. */
const HEARTBEAT_MS = 5_000;

/**
 * VICIdial's dial level (lines per agent): the campaign's calls in progress (created, queued,
 * ringing, answered and waiting, or with a rep; a claimed attempt is no call yet) per rep
 * working it (parked on its queue, or on one of its calls). Null with no rep.
 */
export function dialLevel(active: readonly Attempt[], parkedReps: number): number | null {
  let calls = 0;
  let onCalls = 0;
  for (const attempt of active) {
    if (attempt.state === 'claimed') continue;
    calls += 1;
    if (attempt.connectedAt !== undefined) onCalls += 1;
  }
  const reps = parkedReps + onCalls;
  return reps === 0 ? null : calls / reps;
}

/**
 * Tells the store the runner's dial level, for the API processes: when it changes (at most
 * once a second) and every few seconds while it does not.
 */
export class DialLevelReporter {
  private last: PacingState | undefined;

  constructor(
    private readonly store: Pick<CampaignStore, 'setPacingState'>,
    private readonly campaignId: string,
  ) {}

  async report(level: number | null, now: number): Promise<void> {
    const last = this.last;
    if (last !== undefined) {
      const age = now - last.at;
      if (age < MIN_WRITE_MS || (level === last.dialLevel && age < HEARTBEAT_MS)) return;
    }
    const state: PacingState = { dialLevel: level, at: now };
    await this.store.setPacingState(this.campaignId, state);
    this.last = state;
  }
}
