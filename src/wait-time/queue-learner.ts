import { createBusyTime, type BusyTime } from './busy-time.js';
import type { QueueActivity } from './queue-activity.js';
import { createQueueCount, type QueueCount } from './queue-count.js';
import type { QueueEvent } from './queue-events.js';

/**
 * Learns, per queue, the two rates the queue-length predictor needs, from departures:
 *
 * - c, the rate at which agents take callers while the queue has a backlog: callers taken
 *   after waiting, divided by the time somebody was waiting (the union of waiting intervals).
 *   While anybody waits every agent is busy, so each such take is an agent coming free: the
 *   maximum-likelihood rate of a Poisson stream observed over that time.
 * - θ, each waiting caller's rate of giving up: abandonments divided by all the time callers
 *   spent waiting, served ones included (the exponential-patience estimate with censoring).
 *
 * Both are exponentially weighted in time (half-life `halfLifeSeconds`): a change in staffing or
 * in callers' patience shows within a half-life, and a steady queue is measured over several.
 * It also counts the callers in each queue now (queue-count.ts), which is fresher than any
 * poll of Twilio's stats.
 */
export interface QueueRates {
  /** c, per second; undefined until anything was learned. */
  readonly serviceRate: number | undefined;
  /** θ, per waiting caller per second (0 while nobody has given up). */
  readonly abandonmentRate: number;
  /** Decayed counts behind the rates: how much evidence there is. */
  readonly servicesObserved: number;
  readonly busySeconds: number;
}

export interface QueueLearner extends QueueActivity {
  rates(queue: string, now: number): QueueRates;
  /**
   * The same rates over every queue at once: c is then how fast reps come free while anybody
   * waits anywhere, which is how fast the top queue is served whenever it has a backlog.
   */
  overallRates(now: number): QueueRates;
}

/**
 * A caller taken within this many seconds is taken to have found an agent (nearly) free: the
 * take says nothing about how fast agents come free under a backlog, and counting it would
 * credit a whole service to no busy time at all, inflating c whenever it is quiet. Set it to
 * what an idle rep's loop adds to a wait (Twilio reports QueueTime in whole seconds).
 */
export const DEFAULT_FREE_AGENT_SECONDS = 1;

interface Memory {
  /** The time the decayed sums below are expressed at (ms). */
  at: number;
  services: number;
  busySeconds: number;
  abandonments: number;
  waitingSeconds: number;
  readonly busy: BusyTime;
}

const NOTHING_LEARNED: QueueRates = {
  serviceRate: undefined,
  abandonmentRate: 0,
  servicesObserved: 0,
  busySeconds: 0,
};

export function createQueueLearner(options: {
  halfLifeSeconds: number;
  freeAgentSeconds?: number;
}): QueueLearner {
  const freeAgentSeconds = options.freeAgentSeconds ?? DEFAULT_FREE_AGENT_SECONDS;
  const tauSeconds = options.halfLifeSeconds / Math.LN2;
  const newMemory = (at: number): Memory => ({
    at,
    services: 0,
    busySeconds: 0,
    abandonments: 0,
    waitingSeconds: 0,
    busy: createBusyTime(),
  });
  const memories = new Map<string, Memory>();
  const counts = new Map<string, QueueCount>();
  let overall: Memory | undefined;

  const memoryOf = (queue: string, at: number): Memory => {
    let memory = memories.get(queue);
    if (memory === undefined) {
      memory = newMemory(at);
      memories.set(queue, memory);
    }
    return memory;
  };
  const countOf = (queue: string): QueueCount => {
    let count = counts.get(queue);
    if (count === undefined) {
      count = createQueueCount();
      counts.set(queue, count);
    }
    return count;
  };
  /** Brings the sums forward to `at` (never backwards: a late event is weighed where it is). */
  const advance = (memory: Memory, at: number) => {
    if (at <= memory.at) return;
    const factor = Math.exp(-(at - memory.at) / 1000 / tauSeconds);
    memory.services *= factor;
    memory.busySeconds *= factor;
    memory.abandonments *= factor;
    memory.waitingSeconds *= factor;
    memory.at = at;
  };
  /**
   * ∫ of the decay weight over [from, to] (ms), as seen from the memory's time; written with
   * expm1 so that a long half-life does not cancel the difference away.
   */
  const weightedSeconds = (memory: Memory, from: number, to: number) =>
    -tauSeconds *
    Math.exp(-(memory.at - to) / 1000 / tauSeconds) *
    Math.expm1(-(to - from) / 1000 / tauSeconds);
  const weightAt = (memory: Memory, at: number) =>
    Math.exp(-Math.max(0, memory.at - at) / 1000 / tauSeconds);

  /** One departure, [from, to] being the wait, into one memory's sums. */
  const learn = (memory: Memory, outcome: QueueEvent['outcome'], from: number, to: number) => {
    advance(memory, to);
    // A callback off the line cannot give up: its time is no caller's exposure to leaving.
    if (outcome !== 'callback-taken') memory.waitingSeconds += weightedSeconds(memory, from, to);
    const weight = weightAt(memory, to);
    // A caller who took a callback still wants a rep: their place is counted by the callbacks
    // ahead, not as a caller lost.
    if (outcome === 'abandoned' || outcome === 'left') memory.abandonments += weight;
    if (to - from < freeAgentSeconds * 1000) return;
    for (const gap of memory.busy.add(from, to)) {
      memory.busySeconds += weightedSeconds(memory, gap.from, gap.to);
    }
    // A callback taken is a rep who came free while the queue had a backlog, as much as a
    // caller taken from the line: without it the rate learned is only the line's share of the
    // reps, while positions already count the callbacks ahead, and estimates count them twice.
    if (outcome === 'served' || outcome === 'callback-taken') memory.services += weight;
  };

  /** A departure into its queue's memory and the one over every queue. */
  const learnEverywhere = (event: QueueEvent, from: number, to: number) => {
    learn(memoryOf(event.queue, to), event.outcome, from, to);
    overall ??= newMemory(to);
    learn(overall, event.outcome, from, to);
  };

  /** A read changes nothing: processes fed the same events hold the same state to the bit. */
  const ratesOf = (memory: Memory | undefined, now: number): QueueRates => {
    if (memory === undefined) return NOTHING_LEARNED;
    // The ratios do not depend on the decay; the counts do.
    const factor = now > memory.at ? Math.exp(-(now - memory.at) / 1000 / tauSeconds) : 1;
    return {
      serviceRate:
        memory.busySeconds > 0 && memory.services > 0
          ? memory.services / memory.busySeconds
          : undefined,
      abandonmentRate: memory.waitingSeconds > 0 ? memory.abandonments / memory.waitingSeconds : 0,
      servicesObserved: memory.services * factor,
      busySeconds: memory.busySeconds * factor,
    };
  };

  return {
    callerEntered({ queue, at, callSid }) {
      countOf(queue).entered(callSid, at);
    },

    callerLeft(event: QueueEvent) {
      if (event.outcome === 'callback-taken') {
        // Its callee was never in this queue's line, so the count is not touched.
        learnEverywhere(event, event.at - Math.max(0, event.waitSeconds) * 1000, event.at);
        return;
      }
      const count = countOf(event.queue);
      const waitedMs = Math.max(0, event.waitSeconds) * 1000;
      // A report made when the call ended (see queue-events.ts) says how long the caller
      // waited, not when: the wait began when they entered. Without that anchor it is not
      // placed at all; taking it to end at the report would count the whole call as waiting.
      const enteredAt = event.reportedAfterCall ? count.enteredAt(event.callSid) : undefined;
      const leftAt = enteredAt === undefined ? event.at : Math.min(event.at, enteredAt + waitedMs);
      count.left(event.callSid, leftAt);
      if (event.reportedAfterCall && enteredAt === undefined) return;
      learnEverywhere(event, leftAt - waitedMs, leftAt);
    },

    callerDropped({ queue, callSid }) {
      counts.get(queue)?.dropped(callSid);
    },

    queueSizeObserved({ queue, size, at }) {
      countOf(queue).observed(size, at);
    },

    rates: (queue, now) => ratesOf(memories.get(queue), now),
    overallRates: (now) => ratesOf(overall, now),
    waiting: (queue) => counts.get(queue)?.value(),
  };
}
