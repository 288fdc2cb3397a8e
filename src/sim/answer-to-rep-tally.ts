import type { EmulatedCall } from '../emulator/call-state.js';
import type { QueueVisit } from '../emulator/queue-calls.js';
import type { Disposition } from '../outbound/disposition.js';

export interface AnswerToRepResult {
  /** People who answered and reached a rep: milliseconds from their answer to the bridge. */
  readonly answerToRepMs: readonly number[];
  /** People who answered and left the queue unserved (the 2-second deadline, or a hang-up). */
  readonly unserved: number;
  /** Answering machines that went through the queue (not counted above). */
  readonly machines: number;
  /** The campaign's dispositions by outcome, as the app recorded them. */
  readonly dispositions: Readonly<Record<string, number>>;
  /** The app's dispositions themselves, in the order they were recorded. */
  readonly ended: readonly Disposition[];
  /** Calls the emulator was asked to place. */
  readonly calls: number;
  /** Numbers the emulator was asked to call more than once. */
  readonly dialedTwice: number;
  /**
   * The reps' time on calls (bridged, machines included: a rep is on them) over their time
   * logged in, from the first dial to the last call's end: the occupancy of the simulator.
   */
  readonly repTalkShare: number;
  /**
   * The most calls under way at once (from dial to end). A progressive campaign keeps a rep for
   * each, so never more than the reps; a predictive one goes past them on its budget.
   */
  readonly mostCallsAtOnce: number;
  readonly seconds: number;
}

/** The run as the emulator saw it (who answered, who was bridged when) and the app recorded it. */
export function tallyAnswerToRep(input: {
  readonly calls: readonly EmulatedCall[];
  readonly visits: readonly QueueVisit[];
  readonly ended: readonly Disposition[];
  readonly reps: number;
  readonly startedAt: number;
  readonly now: number;
}): AnswerToRepResult {
  const outcomes = new Map(input.calls.map((call) => [call.sid, call.outcome]));
  const answerToRepMs: number[] = [];
  let unserved = 0;
  let machines = 0;
  let bridgedMs = 0;
  for (const visit of input.visits) {
    if (visit.bridgedAt !== undefined) bridgedMs += (visit.leftAt ?? input.now) - visit.bridgedAt;
    if (outcomes.get(visit.callSid) !== 'human') machines += 1;
    else if (visit.bridgedAt === undefined) unserved += 1;
    else answerToRepMs.push(visit.bridgedAt - visit.legStartedAt);
  }
  const byOutcome: Record<string, number> = {};
  for (const { outcome } of input.ended) byOutcome[outcome] = (byOutcome[outcome] ?? 0) + 1;
  const perNumber = new Map<string, number>();
  for (const call of input.calls) {
    perNumber.set(call.request.to, (perNumber.get(call.request.to) ?? 0) + 1);
  }
  return {
    answerToRepMs,
    unserved,
    machines,
    dispositions: byOutcome,
    ended: input.ended,
    calls: input.calls.length,
    dialedTwice: [...perNumber.values()].filter((count) => count > 1).length,
    repTalkShare: bridgedMs / (input.reps * loggedInMs(input.calls)),
    mostCallsAtOnce: mostAtOnce(input.calls, input.now),
    seconds: (input.now - input.startedAt) / 1000,
  };
}

/** From the first dial to the last call's end: the campaign's span, as the reps live it. */
function loggedInMs(calls: readonly EmulatedCall[]): number {
  const starts = calls.flatMap((call) => (call.startedAt === null ? [] : [call.startedAt]));
  const ends = calls.flatMap((call) => (call.endedAt === null ? [] : [call.endedAt]));
  if (starts.length === 0 || ends.length === 0) return Number.NaN;
  return Math.max(...ends) - Math.min(...starts);
}

function mostAtOnce(calls: readonly EmulatedCall[], now: number): number {
  const steps = calls.flatMap((call) =>
    call.startedAt === null
      ? []
      : [
          { at: call.startedAt, by: 1 },
          { at: call.endedAt ?? now, by: -1 },
        ],
  );
  // At one instant, ends first: a call that fails as it starts is never under way with another.
  steps.sort((a, b) => a.at - b.at || a.by - b.by);
  let under = 0;
  let most = 0;
  for (const step of steps) {
    under += step.by;
    most = Math.max(most, under);
  }
  return most;
}
