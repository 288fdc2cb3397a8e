/**
 * The abandons a campaign's calls out are expected to cause over the next seconds, slot by slot
 * (issue 18). Each call out is answered (by someone a rep must take) in some slot, or not at
 * all; each busy rep is free in some slot, or later; a person answered in slot t is taken by a
 * rep free by slot t + grace (the 2-second rule) or is abandoned. The reps free at each moment
 * are carried from slot to slot as a distribution, so a rep who frees before the answers come
 * waits for them, and one who frees after them is of no use to them: time matters, not only
 * how many answer and how many free up.
 *
 * Within a slot, answers and frees are Poisson-binomial counts; counts in different slots are
 * taken as independent (one call answers in one slot only, so the true counts are a little
 * less spread: the forecast errs toward more abandons).
 */

/** P(the event happens in slot s), s = 0, 1, …; what is left of 1 is later, or never. */
export type Timeline = readonly number[];

/** The chance the event happens at all within the timeline. */
export function chanceOf(timeline: Timeline): number {
  return timeline.reduce((sum, p) => sum + p, 0);
}

/** A count's distribution: index n holds P(count = n). */
type Distribution = number[];

export interface ForecastInput {
  /** Reps free now. */
  readonly repsFree: number;
  /** For each busy rep: when they are free. */
  readonly repsFreeing: readonly Timeline[];
  /** For each call out: when it is answered by someone a rep must take. */
  readonly answersComing: readonly Timeline[];
  /** Slots a person answered may wait for a rep before counting as abandoned. */
  readonly graceSlots: number;
}

/** Below this, a count's tail is dropped: it cannot move an expectation we act on. */
const NEGLIGIBLE = 1e-12;

export class AbandonForecast {
  private readonly frees: Distribution[];
  private readonly answers: Distribution[];

  constructor(private readonly input: ForecastInput) {
    const slots = Math.max(0, ...input.answersComing.map((t) => t.length));
    this.answers = perSlot(input.answersComing, slots);
    // A rep free in slot s serves the answers of slot s − grace onwards.
    const shifted = input.repsFreeing.map((timeline) => earlier(timeline, input.graceSlots));
    this.frees = perSlot(shifted, Math.max(slots, ...shifted.map((t) => t.length)));
  }

  /** Expected abandons among the calls out and `extraCalls` more, each answered per `timeline`. */
  expectedAbandons(extraCalls: number, timeline: Timeline): number {
    const slots = Math.max(this.answers.length, extraCalls > 0 ? timeline.length : 0);
    let free: Distribution = certain(this.input.repsFree);
    let abandons = 0;
    for (let slot = 0; slot < slots; slot += 1) {
      free = convolve(free, this.frees[slot] ?? [1]);
      const answers = withBinomial(this.answers[slot] ?? [1], extraCalls, timeline[slot] ?? 0);
      const next: Distribution = Array.from({ length: free.length }, () => 0);
      for (const [f, pf] of free.entries()) {
        if (pf < NEGLIGIBLE) continue;
        for (const [a, pa] of answers.entries()) {
          const p = pf * pa;
          if (a > f) abandons += p * (a - f);
          const left = Math.max(0, f - a);
          next[left] = (next[left] ?? 0) + p;
        }
      }
      free = trimmed(next);
    }
    return abandons;
  }
}

/** The distribution of the count in each slot, from each item's timeline. */
function perSlot(timelines: readonly Timeline[], slots: number): Distribution[] {
  const counts: Distribution[] = Array.from({ length: slots }, () => [1]);
  for (const timeline of timelines) {
    for (const [slot, p] of timeline.entries()) {
      const count = counts[slot];
      if (count !== undefined && p > 0) counts[slot] = addChance(count, p);
    }
  }
  return counts;
}

function earlier(timeline: Timeline, slots: number): Timeline {
  if (slots <= 0) return timeline;
  const first = chanceOf(timeline.slice(0, slots + 1));
  return [first, ...timeline.slice(slots + 1)];
}

function certain(count: number): Distribution {
  return [...Array.from({ length: count }, () => 0), 1];
}

/** `count` plus one independent yes with chance `p`. */
function addChance(count: Distribution, p: number): Distribution {
  const chance = Math.min(1, Math.max(0, p));
  const next: Distribution = Array.from({ length: count.length + 1 }, () => 0);
  for (const [n, q] of count.entries()) {
    next[n] = (next[n] ?? 0) + q * (1 - chance);
    next[n + 1] = (next[n + 1] ?? 0) + q * chance;
  }
  return trimmed(next);
}

/** `count` plus a Binomial(n, p) count. */
function withBinomial(count: Distribution, n: number, p: number): Distribution {
  if (n === 0 || p <= 0) return count;
  return convolve(count, binomial(n, Math.min(1, p)));
}

function binomial(n: number, p: number): Distribution {
  const pmf: Distribution = [];
  let term = (1 - p) ** n;
  for (let k = 0; k <= n; k += 1) {
    pmf.push(p === 1 ? (k === n ? 1 : 0) : term);
    term *= ((n - k) / (k + 1)) * (p / (1 - p));
  }
  return trimmed(pmf);
}

function convolve(x: Distribution, y: Distribution): Distribution {
  if (y.length === 1) return x;
  const out: Distribution = Array.from({ length: x.length + y.length - 1 }, () => 0);
  for (const [i, px] of x.entries()) {
    if (px < NEGLIGIBLE) continue;
    for (const [j, py] of y.entries()) out[i + j] = (out[i + j] ?? 0) + px * py;
  }
  return trimmed(out);
}

function trimmed(count: Distribution): Distribution {
  let end = count.length;
  while (end > 1 && (count[end - 1] ?? 0) < NEGLIGIBLE) end -= 1;
  return end === count.length ? count : count.slice(0, end);
}
