import { type ArrivalProcess, arrivalProblems } from './arrivals.js';
import { type Distribution, distributionProblems } from './distributions.js';

/** One kind of caller: the queue it joins, how often it rings, how long it will hold. */
export interface CallerClass {
  readonly queue: string;
  readonly arrivals: ArrivalProcess;
  /** Seconds a caller will wait before hanging up. */
  readonly patience: Distribution | 'infinite';
}

/** From `fromSeconds` on (virtual seconds from the start), `agents` are on shift. */
export interface StaffingShift {
  readonly fromSeconds: number;
  readonly agents: number;
}

/**
 * A fixed agent count, or a schedule. When agents go off shift, idle ones leave at once and
 * busy ones finish their call first; they take no new one.
 */
export type Staffing = number | readonly StaffingShift[];

export interface CallCenterConfig {
  /** In priority order: a free agent takes from the first non-empty queue. */
  readonly classes: readonly CallerClass[];
  /** Call length, the same for every class. */
  readonly service: Distribution;
  readonly staffing: Staffing;
  /** Callers arrive during [0, durationSeconds); the run then goes on until every one is done. */
  readonly durationSeconds: number;
  /** Callers arriving before this are simulated but not reported (the system fills up). */
  readonly warmUpSeconds?: number;
  readonly seed: number;
  /** Poll period of the simulated stats poller (default 15 s, the app's default). */
  readonly statsRefreshSeconds?: number;
  /** How old the newest snapshot a predictor may see is, at least (default 0). */
  readonly statsStalenessSeconds?: number;
  /** TaskRouter's cumulative window (default 1800 s). */
  readonly statsWindowSeconds?: number;
  /** Epoch ms of virtual time zero (default 0), for code that reads wall-clock-like times. */
  readonly startAt?: number;
}

/** A config with defaults filled in and the staffing as a schedule starting at 0. */
export interface ResolvedConfig extends Required<Omit<CallCenterConfig, 'staffing'>> {
  readonly staffing: readonly StaffingShift[];
}

/** Checks the whole config at once (every problem listed) and fills in the defaults. */
export function resolveConfig(config: CallCenterConfig): ResolvedConfig {
  const problems: string[] = [];
  const need = (ok: boolean, problem: string): void => {
    if (!ok) problems.push(problem);
  };
  need(config.classes.length > 0, 'classes: at least one caller class is needed');
  const names = config.classes.map((c) => c.queue);
  need(new Set(names).size === names.length, 'classes: each queue may appear only once');
  config.classes.forEach((c, i) => {
    const label = `classes[${i}] (${c.queue})`;
    problems.push(...arrivalProblems(c.arrivals, `${label}.arrivals`));
    if (c.patience !== 'infinite') {
      problems.push(...distributionProblems(c.patience, `${label}.patience`));
    }
  });
  problems.push(...distributionProblems(config.service, 'service'));

  const staffing =
    typeof config.staffing === 'number'
      ? [{ fromSeconds: 0, agents: config.staffing }]
      : config.staffing;
  need(staffing[0]?.fromSeconds === 0, 'staffing: the schedule must start at fromSeconds 0');
  staffing.forEach((shift, i) => {
    need(
      Number.isInteger(shift.agents) && shift.agents >= 0,
      `staffing[${i}]: agents must be an integer ≥ 0`,
    );
    const previous = staffing[i - 1];
    need(
      previous === undefined || shift.fromSeconds > previous.fromSeconds,
      `staffing[${i}]: fromSeconds must increase`,
    );
  });

  const resolved: ResolvedConfig = {
    classes: config.classes,
    service: config.service,
    staffing,
    durationSeconds: config.durationSeconds,
    warmUpSeconds: config.warmUpSeconds ?? 0,
    seed: config.seed,
    statsRefreshSeconds: config.statsRefreshSeconds ?? 15,
    statsStalenessSeconds: config.statsStalenessSeconds ?? 0,
    statsWindowSeconds: config.statsWindowSeconds ?? 1800,
    startAt: config.startAt ?? 0,
  };
  const positive = (v: number): boolean => v > 0 && Number.isFinite(v);
  need(positive(resolved.durationSeconds), 'durationSeconds must be > 0');
  need(
    resolved.warmUpSeconds >= 0 && resolved.warmUpSeconds < resolved.durationSeconds,
    'warmUpSeconds must be in [0, durationSeconds)',
  );
  need(Number.isInteger(resolved.seed), 'seed must be an integer');
  need(positive(resolved.statsRefreshSeconds), 'statsRefreshSeconds must be > 0');
  need(resolved.statsStalenessSeconds >= 0, 'statsStalenessSeconds must be ≥ 0');
  need(positive(resolved.statsWindowSeconds), 'statsWindowSeconds must be > 0');
  need(Number.isFinite(resolved.startAt), 'startAt must be a number');
  if (problems.length > 0) {
    throw new RangeError(`invalid call-center config:\n- ${problems.join('\n- ')}`);
  }
  return Object.freeze(resolved);
}
