import type { RunnerSettings } from '../dialer/campaign-runner.js';

/** What the dialing process writes on stdout once it follows the control stream. */
export const DIALER_READY = 'dialer ready';

/** The dialing process's own knobs, besides the app's variables (dialer-cli.ts). */
export interface DialerSettings {
  /** Its name in the control stream's consumer group: a restart under the same name is the same consumer. */
  readonly consumer: string;
  /** Reps free in the campaign's queue, as the stats would say. */
  readonly repsFree: number;
  /** How long a campaign lease outlives a process that stopped renewing it. */
  readonly leaseMs: number;
  readonly runner: RunnerSettings;
  readonly service: { readonly adoptEveryMs: number; readonly claimAfterMs: number };
}

/** The variables a parent sets (dialer-process.ts writes them from DialerSettings). */
export function dialerSettingsEnv(settings: DialerSettings): Record<string, string> {
  return {
    DIALER_CONSUMER: settings.consumer,
    DIALER_REPS_FREE: String(settings.repsFree),
    DIALER_LEASE_MS: String(settings.leaseMs),
    DIALER_RUNNER: JSON.stringify(settings.runner),
    DIALER_SERVICE: JSON.stringify(settings.service),
  };
}

export function dialerSettingsFromEnv(env: NodeJS.ProcessEnv): DialerSettings {
  const number = (name: string) => {
    const value = Number(env[name]);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
    return value;
  };
  return {
    consumer: env.DIALER_CONSUMER ?? 'dialer',
    repsFree: number('DIALER_REPS_FREE'),
    leaseMs: number('DIALER_LEASE_MS'),
    runner: JSON.parse(env.DIALER_RUNNER ?? '') as RunnerSettings,
    service: JSON.parse(env.DIALER_SERVICE ?? '') as DialerSettings['service'],
  };
}
