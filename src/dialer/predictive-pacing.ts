/**
 * The predictive dial decision (issue 18), as a pure function: how many new calls to start now
 * so that the abandons they are expected to cause stay within what is left of the budget.
 *
 * It works on distributions, not means. The live answers to come are a sum of independent
 * chances (each call ringing, each new call: a Poisson-binomial count), and so are the reps who
 * will be free to take them (each free one, each busy one who may finish in time). A person is
 * abandoned when more people answer than reps are free, so the expected abandons are
 * E[max(0, answers − reps)], computed exactly from the two distributions. A mean-only rule
 * (answers ≈ reps) abandons about half the time the two are level; this one pays for a new call
 * only with the abandons it really adds.
 */
export interface DialDecisionInput {
  /** Reps free now (parked, waiting for a callee). */
  readonly repsFree: number;
  /** For each busy rep: the chance they are free by the time the calls dialed now are answered. */
  readonly busyRepsFreeChances: readonly number[];
  /** For each call already dialed and not yet answered: its chance of a live answer. */
  readonly outstandingAnswerChances: readonly number[];
  /** A new call's chance of a live answer (a person, not a machine, and not busy or unanswered). */
  readonly newCallAnswerChance: number;
  /** Expected abandons this decision may still cause (≤ 0: none at all — progressive). */
  readonly abandonBudget: number;
  /** The most calls that may start now (the account's pace, the list left). */
  readonly maxNew: number;
}

export function predictiveCallsToDial(input: DialDecisionInput): number {
  if (input.abandonBudget <= 0) return zeroAbandonCalls(input);
  const reps = addChances(certain(input.repsFree), input.busyRepsFreeChances);
  let answers = addChances(certain(0), input.outstandingAnswerChances);
  let dial = 0;
  while (dial < input.maxNew) {
    const more = addChances(answers, [input.newCallAnswerChance]);
    if (expectedExcess(more, reps) > input.abandonBudget) break;
    answers = more;
    dial += 1;
  }
  return dial;
}

/**
 * With no budget, no call may risk an abandon: every call that could be answered (all of them,
 * at worst) needs a rep who is surely free. That is progressive dialing.
 */
function zeroAbandonCalls(input: DialDecisionInput): number {
  const sureReps = input.repsFree + input.busyRepsFreeChances.filter((p) => p >= 1).length;
  const couldAnswer = input.outstandingAnswerChances.filter((p) => p > 0).length;
  const room = input.newCallAnswerChance > 0 ? sureReps - couldAnswer : input.maxNew;
  return Math.max(0, Math.min(input.maxNew, room));
}

/** A count's distribution: index n holds P(count = n). */
type Distribution = readonly number[];

function certain(count: number): Distribution {
  return [...Array.from({ length: count }, () => 0), 1];
}

/** The distribution of `base` plus one independent yes/no per chance (Poisson-binomial). */
export function addChances(base: Distribution, chances: readonly number[]): Distribution {
  let current = [...base];
  for (const raw of chances) {
    const p = Math.min(1, Math.max(0, raw));
    const next = Array.from({ length: current.length + 1 }, () => 0);
    for (const [n, probability] of current.entries()) {
      next[n] = (next[n] ?? 0) + probability * (1 - p);
      next[n + 1] = (next[n + 1] ?? 0) + probability * p;
    }
    current = next;
  }
  return current;
}

/** E[max(0, X − Y)] for independent counts X and Y. */
export function expectedExcess(x: Distribution, y: Distribution): number {
  let expected = 0;
  for (const [n, px] of x.entries()) {
    if (px === 0) continue;
    for (const [m, py] of y.entries()) if (n > m) expected += px * py * (n - m);
  }
  return expected;
}
