import type { QueueStats, StatsSnapshot } from '../stats/queue-stats.js';
import { type SlidingWindow, createSlidingWindow } from './sliding-window.js';
import type { WaitingLine, Waiter } from './waiting-line.js';

export interface SimulatedPollerOptions {
  /** Queue names in priority order; the `queueIndex` of the methods below points in here. */
  readonly queues: readonly string[];
  readonly refreshSeconds: number;
  /** How far behind the snapshot a predictor sees lags (the poller's and the store's delay). */
  readonly stalenessSeconds: number;
  readonly windowSeconds: number;
  /** Virtual ms of the first snapshot; later ones follow every refresh period. */
  readonly firstAt: number;
  /** No snapshot after this (virtual ms): nobody arrives to read one. */
  readonly lastAt: number;
}

/** Agents as TaskRouter's realtime statistics count them. */
export interface WorkerCounts {
  readonly eligible: number;
  readonly available: number;
}

/**
 * The stats cache as the app's poller would fill it, in virtual time: a snapshot every refresh
 * period, read from the true state at that instant, with TaskRouter's trailing-window counts.
 * A predictor sees the newest snapshot made at least `stalenessSeconds` ago.
 */
export interface SimulatedPoller {
  entered(queueIndex: number, at: number): void;
  served(queueIndex: number, at: number, waitSeconds: number): void;
  abandoned(queueIndex: number, at: number): void;
  /**
   * Takes every snapshot due at or before `now`. Called before the events at `now` are applied:
   * nothing has changed since those snapshots were due, so the state as it stands is theirs.
   */
  catchUp(now: number, lines: readonly WaitingLine<Waiter>[], workers: () => WorkerCounts): void;
  /** The newest snapshot made at or before `now − staleness`; `now` never goes back. */
  visibleAt(now: number): StatsSnapshot | undefined;
}

interface QueueCounters {
  readonly entered: SlidingWindow;
  readonly served: SlidingWindow; // value: the wait, in seconds
  readonly abandoned: SlidingWindow;
}

export function createSimulatedPoller(options: SimulatedPollerOptions): SimulatedPoller {
  const { queues, refreshSeconds, stalenessSeconds, windowSeconds, firstAt, lastAt } = options;
  const windowMs = windowSeconds * 1000;
  const counters: QueueCounters[] = queues.map(() => ({
    entered: createSlidingWindow(windowMs),
    served: createSlidingWindow(windowMs),
    abandoned: createSlidingWindow(windowMs),
  }));
  const counter = (queueIndex: number): QueueCounters => counters[queueIndex] as QueueCounters;
  let made = 0; // snapshots taken; the next is due at firstAt + made × period
  // Computed from the count, not by adding periods, so rounding cannot drift the schedule.
  const dueAt = (k: number): number => firstAt + k * refreshSeconds * 1000;
  let snapshots: StatsSnapshot[] = []; // the visible one and any newer, oldest first

  function snapshot(at: number, lines: readonly WaitingLine<Waiter>[], workers: WorkerCounts) {
    const stats = queues.map((name, i): QueueStats => {
      const line = lines[i] as WaitingLine<Waiter>;
      const { entered, served, abandoned } = counter(i);
      entered.advance(at);
      served.advance(at);
      abandoned.advance(at);
      const oldest = line.oldestArrival();
      return {
        name,
        fetchedAt: at,
        waitingCallers: line.waiting,
        averageWaitSeconds: line.waiting === 0 ? 0 : line.totalAge(at) / line.waiting / 1000,
        longestWaitSeconds: oldest === undefined ? 0 : (at - oldest) / 1000,
        servedInWindow: served.count,
        abandonedInWindow: abandoned.count,
        enteredInWindow: entered.count,
        // TaskRouter reports an average of 0 over an empty window, and the poller keeps it.
        averageAcceptedWaitSeconds: served.count === 0 ? 0 : served.sum / served.count,
        windowSeconds,
        eligibleWorkers: workers.eligible,
        availableWorkers: workers.available,
      };
    });
    return { fetchedAt: at, queues: stats };
  }

  return {
    entered: (queueIndex, at) => counter(queueIndex).entered.record(at),
    served: (queueIndex, at, waitSeconds) => counter(queueIndex).served.record(at, waitSeconds),
    abandoned: (queueIndex, at) => counter(queueIndex).abandoned.record(at),
    catchUp(now, lines, workers) {
      for (let at = dueAt(made); at <= now && at <= lastAt; at = dueAt(++made)) {
        snapshots.push(snapshot(at, lines, workers()));
      }
    },
    visibleAt(now) {
      const cutoff = now - stalenessSeconds * 1000;
      let visible = -1;
      while (
        visible + 1 < snapshots.length &&
        (snapshots[visible + 1] as StatsSnapshot).fetchedAt <= cutoff
      ) {
        visible++;
      }
      if (visible > 0) snapshots = snapshots.slice(visible); // older ones can never be seen again
      return visible < 0 ? undefined : snapshots[0];
    },
  };
}
