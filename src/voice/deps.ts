import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { MetadataCache } from '../metadata/metadata-cache.js';
import type { StatsStore } from '../stats/stats-store.js';
import type { WaitEstimate, WaitEstimateRequest, WaitEstimator } from '../wait-time/estimator.js';
import type { QueueActivity } from '../wait-time/queue-activity.js';
import type { QueueEventLog } from '../wait-time/queue-events.js';
import type { SayOptions, HoldAudio } from './twiml.js';
import type { RepPresence } from '../reps/rep-presence.js';
import type { CallbackStore } from '../callbacks/callback.js';
import type { VoicemailStore } from '../voicemail/voicemail.js';

export interface VoiceDeps {
  readonly config: Config;
  readonly clock: Clock;
  readonly stats: StatsStore;
  readonly events: QueueEventLog;
  readonly estimator: WaitEstimator;
  /** Told of every caller entering and leaving a queue; counts who waits now. */
  readonly activity: QueueActivity;
  /** Each queue's hours, messages and announcement settings, read without waiting. */
  readonly metadata: Pick<MetadataCache, 'get'>;
  /**
   * Told when a rep takes a caller (the dial's <Queue url>): outbound campaigns learn that
   * their callee reached a rep. Never rejects.
   */
  readonly callerTaken?: (taken: { callSid: string; queue: string; at: number }) => Promise<void>;
  /** Where a rep with nothing to take waits instead of resting: a running campaign's queue. */
  readonly parking?: RepParking;
  /** Told of takes and of served calls' ends: the SMS survey (docs/feedback.md). */
  readonly servedCalls?: ServedCalls;
  /** Callers' callbacks (docs/callbacks.md); absent: no offer is ever made. */
  readonly callbacks?: Pick<CallbackStore, 'request' | 'holdingPlace' | 'get'>;
  /** Messages callers leave at the offer (docs/voicemail.md); absent: no "press 2". */
  readonly voicemails?: Pick<
    VoicemailStore,
    'request' | 'get' | 'saveRecording' | 'saveTranscription'
  >;
}

/**
 * What hears that a rep took a caller and that the bridged call ended. It only records (a
 * survey due later); a failure is logged and costs the caller nothing.
 */
export interface ServedCalls {
  callTaken(taken: { callSid: string; repCallSid: string; at: number }): Promise<void>;
  callServed(served: { callSid: string; queue: string; from: string | undefined }): Promise<string>;
}

export interface RepParking {
  /** The queue to park on now and for how long; undefined: no campaign needs reps. */
  spot(now: number): Promise<{ queue: string; seconds: number } | undefined>;
  readonly presence: Pick<RepPresence, 'park' | 'leave'>;
}

export const sayOptions = (config: Config): SayOptions => config.announcements;
export const holdAudio = (config: Config): HoldAudio => ({
  musicUrl: config.announcements.holdMusicUrl,
  pauseSeconds: config.announcements.holdPauseSeconds,
});

/**
 * Whoever can log for the request: the request itself, whose logger is made only when a line
 * is written (see request-context.ts), so the common path never pays for it.
 */
export interface LogSource {
  readonly log: Logger;
}

/** An estimator that throws (a bug, bad data) costs the caller the estimate, never the call. */
export function estimateOrUnknown(
  estimator: WaitEstimator,
  request: WaitEstimateRequest,
  source: LogSource,
): WaitEstimate {
  try {
    return estimator.estimate(request);
  } catch (error) {
    source.log.warn({ err: error, queue: request.queue }, 'wait estimate failed; announcing none');
    return { kind: 'unknown', reason: 'no-stats' };
  }
}
