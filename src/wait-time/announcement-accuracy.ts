import type { QueueActivityListener, QueueEntry } from './queue-activity.js';
import type { QueueEvent } from './queue-events.js';

/**
 * Whether what callers hear is true: for every caller who was greeted with an estimate and then
 * taken by a rep, the estimate against the wait they had, per queue over the last hour. Fed the
 * same queue events as the learner (in Redis mode, from the shared stream, so every process
 * holds the same figures whichever process greeted the caller and whichever saw the take).
 */
export interface AnnouncedWait {
  /** When the caller was taken (epoch ms). */
  readonly at: number;
  readonly announcedSeconds: number;
  readonly waitedSeconds: number;
}

export interface AccuracySummary {
  /** Callers greeted with an estimate and taken within the window. */
  readonly served: number;
  /** null while `served` is 0. */
  readonly meanAbsoluteErrorSeconds: number | null;
  /** Mean of announced − waited: positive means callers were told longer than they waited. */
  readonly biasSeconds: number | null;
  /** Share announced within ±max(30 s, 20% of the wait) of the wait they had. */
  readonly withinShare: number | null;
}

export interface WaitingPoint {
  readonly at: number;
  readonly waiting: number;
}

export interface AnnouncementAccuracy extends QueueActivityListener {
  summary(queue: string, now: number): AccuracySummary;
  /** The window's pairs, oldest first: for a chart of announced against waited. */
  recent(queue: string, now: number): readonly AnnouncedWait[];
  /** Callers waiting over the window, at most one point per WAITING_STEP_MS. */
  waitingOverTime(queue: string, now: number): readonly WaitingPoint[];
}

export const ACCURACY_WINDOW_MS = 3600 * 1000;
/** An estimate within this many seconds of the wait, or within WITHIN_SHARE of it, was right. */
export const WITHIN_SECONDS = 30;
export const WITHIN_SHARE = 0.2;
export const WAITING_STEP_MS = 15 * 1000;
/** Greetings whose caller never left (a lost result) are forgotten after this. */
const FORGET_GREETING_MS = 4 * 3600 * 1000;

export function isWithinTolerance(announcedSeconds: number, waitedSeconds: number): boolean {
  return (
    Math.abs(announcedSeconds - waitedSeconds) <=
    Math.max(WITHIN_SECONDS, WITHIN_SHARE * waitedSeconds)
  );
}

/** Drops what is older than the window from a list kept in time order, and returns it. */
function trimmed<T extends { readonly at: number }>(list: T[] | undefined, now: number): T[] {
  if (list === undefined) return [];
  let first = 0;
  while (first < list.length && (list[first] as T).at <= now - ACCURACY_WINDOW_MS) first += 1;
  if (first > 0) list.splice(0, first);
  return list;
}

/** `waiting`: the count of callers in a queue after each event (the learner's count). */
export function createAnnouncementAccuracy(options: {
  waiting: (queue: string) => number | undefined;
}): AnnouncementAccuracy {
  /** queue → CallSid → the greeting's estimate. */
  const greeted = new Map<string, Map<string, { at: number; seconds: number }>>();
  const pairs = new Map<string, AnnouncedWait[]>();
  const waitingPoints = new Map<string, WaitingPoint[]>();

  const inWindow = (queue: string, now: number) => trimmed(pairs.get(queue), now);
  const noteWaiting = (queue: string, at: number) => {
    const waiting = options.waiting(queue);
    if (waiting === undefined) return;
    let points = waitingPoints.get(queue);
    if (points === undefined) {
      points = [];
      waitingPoints.set(queue, points);
    }
    const last = points[points.length - 1];
    if (last !== undefined && at < last.at) return; // a late report: the count was set since
    if (last !== undefined && at - last.at < WAITING_STEP_MS)
      points[points.length - 1] = { at, waiting };
    else points.push({ at, waiting });
    trimmed(points, at);
  };

  return {
    callerEntered(entry: QueueEntry) {
      noteWaiting(entry.queue, entry.at);
      if (entry.announcedSeconds === undefined || entry.callSid === undefined) return;
      let queue = greeted.get(entry.queue);
      if (queue === undefined) {
        queue = new Map<string, { at: number; seconds: number }>();
        greeted.set(entry.queue, queue);
      }
      queue.set(entry.callSid, { at: entry.at, seconds: entry.announcedSeconds });
      if (queue.size % 256 === 0) {
        for (const [callSid, greeting] of queue) {
          if (entry.at - greeting.at > FORGET_GREETING_MS) queue.delete(callSid);
        }
      }
    },

    callerLeft(event: QueueEvent) {
      noteWaiting(event.queue, event.at);
      const queue = greeted.get(event.queue);
      const greeting = event.callSid === undefined ? undefined : queue?.get(event.callSid);
      if (greeting === undefined || event.callSid === undefined) return;
      queue?.delete(event.callSid);
      // Only a take ends a wait whose length is known; a hang-up's wait was cut short.
      if (event.outcome !== 'served') return;
      const waitedSeconds = Math.max(0, event.waitSeconds);
      const at = greeting.at + waitedSeconds * 1000;
      const list = inWindow(event.queue, at);
      list.push({ at, announcedSeconds: greeting.seconds, waitedSeconds });
      list.sort((a, b) => a.at - b.at);
      pairs.set(event.queue, list);
    },

    summary(queue, now) {
      const list = inWindow(queue, now);
      if (list.length === 0) {
        return { served: 0, meanAbsoluteErrorSeconds: null, biasSeconds: null, withinShare: null };
      }
      let absolute = 0;
      let signed = 0;
      let within = 0;
      for (const pair of list) {
        const error = pair.announcedSeconds - pair.waitedSeconds;
        absolute += Math.abs(error);
        signed += error;
        if (isWithinTolerance(pair.announcedSeconds, pair.waitedSeconds)) within += 1;
      }
      return {
        served: list.length,
        meanAbsoluteErrorSeconds: absolute / list.length,
        biasSeconds: signed / list.length,
        withinShare: within / list.length,
      };
    },

    recent: (queue, now) => [...inWindow(queue, now)],
    waitingOverTime: (queue, now) => [...trimmed(waitingPoints.get(queue), now)],
  };
}
