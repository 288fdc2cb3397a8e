import type { Timeline } from './abandon-forecast.js';

/**
 * What the predictive pacer learns of a campaign as it dials (issue 18), from its own call
 * reports only: how often a dial is answered by someone a rep must take, how long answers take
 * to come, and how long a rep stays busy with a call (talk, then wrap-up). Recent evidence counts:
 * each is kept over the last `window` calls, so a list that changes through the day (a new
 * batch of numbers, the lunch hour) moves the estimates within that many calls.
 *
 * Until evidence comes, it is cautious: a dial is taken to be answered (as progressive dialing
 * assumes), and a busy rep not to be free soon. Prior pseudo-calls fade as real ones arrive.
 */
export class PacingModel {
  private readonly resolutions: { readonly answered: boolean; readonly ringMs: number }[] = [];
  private readonly services: { readonly talkMs: number; readonly wrapMs: number }[] = [];
  private cache: SortedEvidence | undefined;

  constructor(
    private readonly settings: {
      /** How many recent calls each estimate rests on. */
      readonly window: number;
      /** Pseudo-calls, all answered, that the answer chance starts from. */
      readonly priorCalls: number;
    } = { window: 300, priorCalls: 5 },
  ) {}

  /** A dial was settled: answered by someone a rep must take, or not (busy, no answer, a machine hung up on). */
  dialSettled(answered: boolean, ringMs: number): void {
    push(this.resolutions, { answered, ringMs }, this.settings.window);
    this.cache = undefined;
  }

  /** A rep is free again after a call: `talkMs` on the call, then `wrapMs` of wrap-up (0: none). */
  repFreed(talkMs: number, wrapMs: number): void {
    push(this.services, { talkMs, wrapMs }, this.settings.window);
    this.cache = undefined;
  }

  /** The chance a new dial is answered by someone a rep must take. */
  answerChance(): number {
    const { priorCalls } = this.settings;
    const answered = this.sorted().answered.length;
    return (answered + priorCalls) / (this.resolutions.length + priorCalls);
  }

  /**
   * When a dial that has rung `ringingMs` unsettled is answered by someone a rep must take, in
   * slots of `slotMs` from now: its chance of an answer (ringingOdds), spread as the
   * answers that lasted longer came. Before any answer is seen: at once, the cautious guess.
   */
  answerTimeline(ringingMs: number, slotMs: number): Timeline {
    const { chance, answeredLonger } = this.ringingOdds(ringingMs);
    if (this.sorted().answered.length === 0) return [chance];
    return spread(answeredLonger, ringingMs, slotMs, chance);
  }

  /**
   * When a rep still talking after `talkMs` is free (talk and wrap-up done), in slots of
   * `slotMs` from now, up to `slots` slots: from the calls whose talk lasted longer. Nothing to
   * go by (talking longer than every call seen): not counted on.
   */
  freeTimelineTalking(talkMs: number, slotMs: number, slots: number): Timeline {
    const { services, talks } = this.sorted();
    const longer = services.slice(firstAbove(talks, talkMs));
    const ends = longer
      .map((s) => s.talkMs + s.wrapMs)
      .filter((end) => end <= talkMs + slots * slotMs);
    return spread(ends, talkMs, slotMs, longer.length === 0 ? 0 : ends.length / longer.length);
  }

  /**
   * When a rep in wrap-up for `wrapMs` is free, in slots of `slotMs` from now: wrap-up is much
   * steadier than talk, so a rep in it is the surest to be free soon.
   */
  freeTimelineWrapping(wrapMs: number, slotMs: number): Timeline {
    const ends = this.sorted()
      .services.map((s) => s.wrapMs)
      .filter((wrap) => wrap > wrapMs);
    return spread(ends, wrapMs, slotMs, ends.length === 0 ? 0 : 1);
  }

  /**
   * The chance a dial that has rung `ringingMs` without being settled will be answered:
   * answers and non-answers weighed by how many of each last that long (Bayes); and the answer
   * times past `ringingMs`, which say when.
   */
  private ringingOdds(ringingMs: number): {
    readonly chance: number;
    readonly answeredLonger: readonly number[];
  } {
    const p = this.answerChance();
    const { answered, unanswered } = this.sorted();
    const answeredLonger = answered.slice(firstAbove(answered, ringingMs));
    const lasting = (all: readonly number[], longer: number) =>
      all.length === 0 ? 1 : longer / all.length;
    const yes = p * lasting(answered, answeredLonger.length);
    const no = (1 - p) * lasting(unanswered, unanswered.length - firstAbove(unanswered, ringingMs));
    return { chance: yes + no === 0 ? 0 : yes / (yes + no), answeredLonger };
  }

  /** The evidence sorted, once per change rather than once per question. */
  private sorted(): SortedEvidence {
    if (this.cache === undefined) {
      const services = [...this.services].sort((a, b) => a.talkMs - b.talkMs);
      this.cache = {
        answered: sortedTimes(this.resolutions.filter((r) => r.answered)),
        unanswered: sortedTimes(this.resolutions.filter((r) => !r.answered)),
        services,
        talks: services.map((s) => s.talkMs),
      };
    }
    return this.cache;
  }
}

interface SortedEvidence {
  readonly answered: readonly number[];
  readonly unanswered: readonly number[];
  /** By talk time, and those talk times (for binary search). */
  readonly services: readonly { readonly talkMs: number; readonly wrapMs: number }[];
  readonly talks: readonly number[];
}

function sortedTimes(resolutions: readonly { readonly ringMs: number }[]): number[] {
  return resolutions.map((r) => r.ringMs).sort((a, b) => a - b);
}

/** The index of the first value above `ms` in ascending `values` (binary search). */
function firstAbove(values: readonly number[], ms: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((values[mid] ?? 0) > ms) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * `total` chance spread over slots of `slotMs` after `fromMs`, in the proportions of `times`
 * (each later than `fromMs`): a time t falls in slot ⌊(t − fromMs) ÷ slotMs⌋.
 */
function spread(times: readonly number[], fromMs: number, slotMs: number, total: number): Timeline {
  if (times.length === 0 || total === 0) return [];
  const timeline: number[] = [];
  for (const t of times) {
    const slot = Math.floor((t - fromMs) / slotMs);
    for (let s = timeline.length; s <= slot; s += 1) timeline.push(0);
    timeline[slot] = (timeline[slot] ?? 0) + total / times.length;
  }
  return timeline;
}

function push<T>(list: T[], value: T, window: number): void {
  list.push(value);
  if (list.length > window) list.shift();
}
