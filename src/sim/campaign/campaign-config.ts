import type { Distribution } from '../distributions.js';

/** Who or what picks up a dial, as shares that sum to 1. */
export interface OutcomeMix {
  readonly human: number;
  readonly machine: number;
  readonly busy: number;
  readonly noAnswer: number;
}

/** A span of seconds a uniform draw is taken from. */
export interface SecondsRange {
  readonly min: number;
  readonly max: number;
}

/** From `fromSeconds` into the campaign, this many agents are logged in. */
export interface Shift {
  readonly fromSeconds: number;
  readonly agents: number;
}

/** Answering-machine detection: how long it listens, and how often it takes a person for a machine. */
export interface AmdSettings {
  readonly detectSeconds: number;
  readonly falsePositiveRate: number;
}

/**
 * One outbound campaign in virtual time: the list, how its dials end, the agents over the day,
 * and the account's pace. Plain data, so a scenario can be written down as JSON.
 */
export interface CampaignConfig {
  readonly seed: number;
  /** Dialing stops here; the run measures [0, duration] (or until the list and its calls end). */
  readonly durationSeconds: number;
  readonly contacts: number;
  readonly mix: OutcomeMix;
  /** Ringing before a person or a machine picks up. */
  readonly answerSeconds: SecondsRange;
  /** Ringing before a busy signal ends the call. */
  readonly busySeconds: SecondsRange;
  /** A call nobody answers rings this long (the campaign's ring timeout; the rules want ≥ 15 s). */
  readonly ringTimeoutSeconds: number;
  readonly talk: Distribution;
  readonly wrapUpSeconds: number;
  /** Without AMD a machine is put through like a person: the agent hears it and hangs up. */
  readonly machineSeconds: number;
  /** First entry from second 0. */
  readonly staffing: readonly Shift[];
  /** Absent: no detection, every answer goes to an agent. */
  readonly amd?: AmdSettings;
  /** The account's calls per second: at most this many dials start in any second. */
  readonly callsPerSecond: number;
  /** The 2-second rule: a person not connected within this long is abandoned. */
  readonly connectWithinSeconds: number;
  /** The dialer looks at least this often (≤ 1 s), besides on every call event. */
  readonly tickMs: number;
  /** Width of the timeline's buckets (occupancy and abandonment over the day). */
  readonly bucketSeconds: number;
}

/** Agents the shift plan calls for at a virtual time (ms). */
export function scheduledAgents(staffing: readonly Shift[], at: number): number {
  let agents = 0;
  for (const shift of staffing) {
    if (shift.fromSeconds * 1000 <= at) agents = shift.agents;
  }
  return agents;
}

/** The standard scenario; others change a few fields of it. */
export const STANDARD_CAMPAIGN: CampaignConfig = {
  seed: 1,
  durationSeconds: 8 * 3600,
  contacts: 50_000,
  mix: { human: 0.3, machine: 0.1, busy: 0.1, noAnswer: 0.5 },
  answerSeconds: { min: 15, max: 25 },
  busySeconds: { min: 2, max: 6 },
  ringTimeoutSeconds: 25,
  talk: { kind: 'lognormal', mean: 180, cv: 0.8 },
  wrapUpSeconds: 30,
  machineSeconds: 8,
  staffing: [{ fromSeconds: 0, agents: 50 }],
  callsPerSecond: 10,
  connectWithinSeconds: 2,
  tickMs: 1000,
  bucketSeconds: 900,
};

/** Problems with a configuration, all at once (empty = fine). */
export function campaignConfigProblems(config: CampaignConfig): string[] {
  const problems: string[] = [];
  const { mix } = config;
  const shares = [mix.human, mix.machine, mix.busy, mix.noAnswer];
  if (shares.some((s) => !(s >= 0)) || Math.abs(shares.reduce((a, b) => a + b, 0) - 1) > 1e-9) {
    problems.push('mix: shares must be ≥ 0 and sum to 1');
  }
  if (!Number.isInteger(config.callsPerSecond) || config.callsPerSecond < 1) {
    problems.push('callsPerSecond must be a whole number ≥ 1');
  }
  if (!(config.tickMs > 0 && config.tickMs <= 1000)) problems.push('tickMs must be in (0, 1000]');
  if (config.staffing[0]?.fromSeconds !== 0) problems.push('staffing must start at second 0');
  if (config.answerSeconds.max > config.ringTimeoutSeconds) {
    problems.push('answerSeconds.max must not pass the ring timeout');
  }
  return problems;
}
