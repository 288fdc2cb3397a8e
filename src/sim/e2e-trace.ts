import type { QueueActivityListener } from '../wait-time/queue-activity.js';
import type { QueueEvent } from '../wait-time/queue-events.js';
import type { CallCenterConfig } from './call-center-config.js';
import { createCallCenter, type EndedCall, type SimulationObservers } from './call-center.js';

/** What Twilio would tell the app about one simulated moment, in time order. */
export type TraceEvent =
  | {
      readonly kind: 'entered';
      readonly queue: string;
      readonly at: number;
      readonly callSid: string;
    }
  | { readonly kind: 'left'; readonly event: QueueEvent & { readonly callSid: string } }
  /** A served caller's call ended: Twilio requests their <Enqueue action> only now. */
  | { readonly kind: 'ended'; readonly call: EndedCall };

/** Observers that keep a run's queue events, and its call ends, as a trace. */
export function createTraceRecorder(): {
  readonly trace: TraceEvent[];
  readonly observers: Required<Pick<SimulationObservers, 'callEnded'>> & {
    readonly listener: QueueActivityListener;
  };
} {
  const trace: TraceEvent[] = [];
  return {
    trace,
    observers: {
      listener: {
        callerEntered: ({ queue, at, callSid }) => {
          if (callSid !== undefined) trace.push({ kind: 'entered', queue, at, callSid });
        },
        callerLeft: (event) => {
          const { callSid } = event;
          if (callSid !== undefined) trace.push({ kind: 'left', event: { ...event, callSid } });
        },
      },
      callEnded: (call) => trace.push({ kind: 'ended', call }),
    },
  };
}

/**
 * Runs a simulated call center once and keeps its queue events as a trace: the script the
 * end-to-end driver plays against the app over HTTP, as Twilio would.
 */
export function recordTrace(config: CallCenterConfig): TraceEvent[] {
  const { trace, observers } = createTraceRecorder();
  createCallCenter(config).run({ listeners: [observers.listener], callEnded: observers.callEnded });
  return trace;
}
