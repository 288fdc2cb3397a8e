import type { CallCenterConfig } from '../../src/sim/call-center-config.js';
import type { Distribution } from '../../src/sim/distributions.js';
import type { QueueActivityListener, QueueEntry } from '../../src/wait-time/queue-activity.js';
import type { QueueEvent } from '../../src/wait-time/queue-events.js';

/** One queue, Poisson arrivals at `load` × agents × service rate, exponential calls. */
export function singleQueue(options: {
  agents: number;
  load: number;
  meanServiceSeconds: number;
  durationSeconds: number;
  seed: number;
  patience?: Distribution | 'infinite';
  warmUpSeconds?: number;
}): CallCenterConfig {
  const { agents, load, meanServiceSeconds } = options;
  return {
    classes: [
      {
        queue: 'customers',
        arrivals: { kind: 'poisson', ratePerSecond: (load * agents) / meanServiceSeconds },
        patience: options.patience ?? 'infinite',
      },
    ],
    service: { kind: 'exponential', mean: meanServiceSeconds },
    staffing: agents,
    durationSeconds: options.durationSeconds,
    warmUpSeconds: options.warmUpSeconds ?? 0,
    seed: options.seed,
  };
}

/** Everything listeners were told, in the order they were told it. */
export interface ActivityLog {
  readonly listener: QueueActivityListener;
  readonly calls: (
    | { readonly kind: 'entered'; readonly entry: QueueEntry }
    | { readonly kind: 'left'; readonly event: QueueEvent }
  )[];
  readonly entered: Map<string, QueueEntry>;
  readonly left: Map<string, QueueEvent>;
}

export function recordActivity(): ActivityLog {
  const log: ActivityLog = {
    calls: [],
    entered: new Map(),
    left: new Map(),
    listener: {
      callerEntered(entry) {
        log.calls.push({ kind: 'entered', entry });
        log.entered.set(entry.callSid as string, entry);
      },
      callerLeft(event) {
        log.calls.push({ kind: 'left', event });
        log.left.set(event.callSid as string, event);
      },
    },
  };
  return log;
}
