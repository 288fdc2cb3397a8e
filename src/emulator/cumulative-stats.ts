import type { Traffic } from './fixture.js';
import { seedFrom } from '../lib/seeded-random.js';

/** The interval a cumulative statistic covers, epoch ms. */
export interface StatsWindow {
  readonly startMs: number;
  readonly endMs: number;
}

export interface WaitDuration {
  readonly avg: number;
  readonly min: number;
  readonly max: number;
  readonly total: number;
}

export interface WaitSplit {
  readonly thresholdSeconds: number;
  readonly acceptedBelow: number;
  readonly acceptedAbove: number;
  readonly canceledBelow: number;
  readonly canceledAbove: number;
}

export interface CumulativeNumbers {
  readonly tasksEntered: number;
  readonly tasksCanceled: number;
  readonly tasksCompleted: number;
  readonly tasksDeleted: number;
  readonly tasksMoved: number;
  readonly reservationsCreated: number;
  readonly reservationsAccepted: number;
  readonly reservationsRejected: number;
  readonly reservationsTimedOut: number;
  readonly reservationsCanceled: number;
  readonly reservationsRescinded: number;
  readonly waitUntilAccepted: WaitDuration;
  readonly waitUntilCanceled: WaitDuration;
  readonly avgTaskAcceptanceTime: number;
  readonly splits: readonly WaitSplit[];
}

export interface CumulativeSource {
  readonly taskQueueSid: string;
  readonly dateCreated: number;
  readonly traffic: Traffic;
}

const DAY_SECONDS = 86_400;
/** Arrivals swing ±50% around the mean over a day, so windows of equal length differ. */
const DAILY_SWING = 0.5;

/**
 * A queue's counts over a window, from its traffic profile: arrivals follow a smooth daily
 * rate whose integral is closed-form, so any window is cheap to count, counts add up across
 * adjacent windows and grow with the window's length. Everything else derives from the
 * arrivals: accepted + canceled + moved + deleted = entered, accepted ≤ reservations created,
 * each split's below + above = its total. Nothing is counted before the queue existed or after
 * `now`.
 */
export function cumulativeNumbers(
  queue: CumulativeSource,
  window: StatsWindow,
  thresholds: readonly number[],
  now: number,
): CumulativeNumbers {
  const from = Math.max(window.startMs, queue.dateCreated);
  const to = Math.min(window.endMs, now);
  const entered = to > from ? arrivalsUntil(queue, to) - arrivalsUntil(queue, from) : 0;
  const { traffic } = queue;

  const canceled = Math.round(entered * traffic.abandonShare);
  const moved = Math.floor((entered - canceled) * 0.01);
  const deleted = Math.floor((entered - canceled) * 0.005);
  const accepted = entered - canceled - moved - deleted;
  const rejected = Math.floor(accepted * 0.05);
  const timedOut = Math.floor(accepted * 0.03);
  const rescinded = Math.floor(accepted * 0.01);
  const reservationsCanceled = Math.floor(canceled * 0.2);
  const waitUntilAccepted = durations(accepted, traffic.meanAcceptedWaitSeconds);
  const waitUntilCanceled = durations(canceled, traffic.meanCanceledWaitSeconds);

  return {
    tasksEntered: entered,
    tasksCanceled: canceled,
    tasksCompleted: Math.floor(accepted * 0.97),
    tasksDeleted: deleted,
    tasksMoved: moved,
    reservationsCreated: accepted + rejected + timedOut + rescinded + reservationsCanceled,
    reservationsAccepted: accepted,
    reservationsRejected: rejected,
    reservationsTimedOut: timedOut,
    reservationsCanceled,
    reservationsRescinded: rescinded,
    waitUntilAccepted,
    waitUntilCanceled,
    avgTaskAcceptanceTime: waitUntilAccepted.avg,
    splits: thresholds.map((thresholdSeconds) => {
      const acceptedBelow = countWithin(
        accepted,
        waitUntilAccepted,
        traffic.meanAcceptedWaitSeconds,
        thresholdSeconds,
      );
      const canceledBelow = countWithin(
        canceled,
        waitUntilCanceled,
        traffic.meanCanceledWaitSeconds,
        thresholdSeconds,
      );
      return {
        thresholdSeconds,
        acceptedBelow,
        acceptedAbove: accepted - acceptedBelow,
        canceledBelow,
        canceledAbove: canceled - canceledBelow,
      };
    }),
  };
}

/** Arrivals since the epoch: the integral of rate·(1 + swing·sin(2πt/day + phase)). */
function arrivalsUntil(queue: CumulativeSource, atMs: number): number {
  const perSecond = queue.traffic.callsPerHour / 3600;
  const phase = (seedFrom(queue.taskQueueSid) / 2 ** 32) * 2 * Math.PI;
  const t = atMs / 1000;
  const omega = (2 * Math.PI) / DAY_SECONDS;
  return Math.floor(perSecond * (t - (DAILY_SWING / omega) * Math.cos(omega * t + phase)));
}

/** Waits spread like an exponential around the mean; integers, with total = avg · count. */
function durations(count: number, mean: number): WaitDuration {
  if (count === 0) return { avg: 0, min: 0, max: 0, total: 0 };
  const avg = Math.round(mean);
  if (count === 1) return { avg, min: avg, max: avg, total: avg };
  return {
    avg,
    min: Math.round(mean * 0.05),
    max: Math.max(avg, Math.round(mean * (1 + Math.log(count)))),
    total: avg * count,
  };
}

/** How many of `count` waits were at most `threshold`, never outside what min and max allow. */
function countWithin(count: number, waits: WaitDuration, mean: number, threshold: number): number {
  if (count === 0 || threshold >= waits.max) return count;
  if (threshold < waits.min) return 0;
  if (mean <= 0) return count;
  return Math.round(count * (1 - Math.exp(-threshold / mean)));
}
