import type { LiveNumbers, Traffic, WorkerCounts } from './fixture.js';
import type { Random } from '../lib/seeded-random.js';

/**
 * One queue's live state: who is waiting since when, and what its reps are doing. Callers are
 * kept as arrival times, so ages grow with the clock on their own; `step` moves the queue one
 * tick of a small queueing model (arrivals, offers, answered calls, hang-ups), so a demo
 * looks alive. Under a fixed clock nothing ticks and the numbers stay as set.
 */
export interface LiveQueue {
  /** Arrival times (epoch ms) of the waiting callers, oldest first. */
  arrivals: number[];
  workers: WorkerCounts;
}

/** The realtime numbers a queue shows at one instant. */
export interface LiveSnapshot {
  readonly waitingCallers: number;
  readonly longestWaitSeconds: number;
  readonly averageWaitSeconds: number;
  /** Arrival time of the oldest waiting caller (names its task), null when nobody waits. */
  readonly oldestArrival: number | null;
  readonly workers: Readonly<WorkerCounts>;
  readonly eligibleWorkers: number;
  readonly availableWorkers: number;
  readonly tasksByStatus: {
    readonly pending: number;
    readonly reserved: number;
    readonly assigned: number;
    readonly wrapping: number;
  };
  readonly totalTasks: number;
}

export function createLiveQueue(live: LiveNumbers, now: number): LiveQueue {
  const ages = agesFor(live.waitingCallers, live.longestWaitSeconds, live.averageWaitSeconds);
  return { arrivals: ages.map((age) => now - age * 1000), workers: { ...live.workers } };
}

/**
 * Whole-second ages for `n` callers whose oldest waited `longest` and whose mean is `average`
 * (exactly, when the pair is consistent; see the fixture's checks), oldest first.
 */
export function agesFor(n: number, longest: number, average?: number): number[] {
  if (n === 0) return [];
  if (n === 1) return [longest];
  const mean = average ?? Math.max(Math.ceil(longest / n), Math.round(longest / 2));
  const rest = mean * n - longest;
  const base = Math.floor(rest / (n - 1));
  const extra = rest - base * (n - 1);
  const others = Array.from({ length: n - 1 }, (_, i) =>
    Math.min(longest, base + (i < extra ? 1 : 0)),
  );
  return [longest, ...others];
}

export function snapshotOf(queue: LiveQueue, now: number): LiveSnapshot {
  const ages = queue.arrivals.map((at) => Math.max(0, Math.floor((now - at) / 1000)));
  const n = ages.length;
  const { idle, busy, reserved, offline } = queue.workers;
  const reservedTasks = Math.min(reserved, n);
  const tasksByStatus = {
    pending: n - reservedTasks,
    reserved: reservedTasks,
    assigned: busy,
    wrapping: 0,
  };
  return {
    waitingCallers: n,
    longestWaitSeconds: n === 0 ? 0 : Math.max(...ages),
    averageWaitSeconds: n === 0 ? 0 : Math.round(ages.reduce((a, b) => a + b, 0) / n),
    oldestArrival: queue.arrivals[0] ?? null,
    workers: { ...queue.workers },
    eligibleWorkers: idle + busy + reserved + offline,
    availableWorkers: idle,
    tasksByStatus,
    totalTasks: n + busy,
  };
}

/**
 * One tick at time `at`. Every tick draws the same number of random values, so a queue's path
 * depends only on its seed and how many ticks have passed.
 */
export function step(
  queue: LiveQueue,
  traffic: Traffic,
  random: Random,
  at: number,
  tickMs: number,
): void {
  const [answers, arrives, hangsUp, staffing] = [random(), random(), random(), random()];
  const whoHangsUp = random();
  const tickSeconds = tickMs / 1000;
  const w = queue.workers;

  // Reps who were offered a caller last tick take them: the oldest callers leave the queue.
  const taken = Math.min(w.reserved, queue.arrivals.length);
  queue.arrivals.splice(0, taken);
  w.busy += taken;
  w.idle += w.reserved - taken;
  w.reserved = 0;

  if (w.busy > 0 && answers < Math.min(0.9, (w.busy * tickSeconds) / traffic.meanHandleSeconds)) {
    w.busy -= 1;
    w.idle += 1;
  }
  if (arrives < Math.min(0.9, (traffic.callsPerHour * tickSeconds) / 3600)) queue.arrivals.push(at);

  // Patience such that about `abandonShare` of callers give up after their mean canceled wait.
  const n = queue.arrivals.length;
  if (n > 0 && traffic.abandonShare > 0 && traffic.meanCanceledWaitSeconds > 0) {
    const patienceSeconds = traffic.meanCanceledWaitSeconds / traffic.abandonShare;
    if (hangsUp < Math.min(0.5, (n * tickSeconds) / patienceSeconds)) {
      queue.arrivals.splice(Math.floor(whoHangsUp * n), 1);
    }
  }

  if (staffing < 0.004 && w.idle > 0) {
    w.idle -= 1;
    w.offline += 1;
  } else if (staffing >= 0.004 && staffing < 0.008 && w.offline > 0) {
    w.offline -= 1;
    w.idle += 1;
  }

  // Idle reps are offered the oldest callers; they answer next tick.
  const offered = Math.min(w.idle, queue.arrivals.length);
  w.idle -= offered;
  w.reserved += offered;
}
