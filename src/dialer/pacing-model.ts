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
  }

  /** A rep is free again after a call: `talkMs` on the call, then `wrapMs` of wrap-up (0: none). */
  repFreed(talkMs: number, wrapMs: number): void {
    push(this.services, { talkMs, wrapMs }, this.settings.window);
  }

  /** The chance a new dial is answered by someone a rep must take. */
  answerChance(): number {
    const { priorCalls } = this.settings;
    const answered = this.resolutions.filter((r) => r.answered).length;
    return (answered + priorCalls) / (this.resolutions.length + priorCalls);
  }

  /**
   * The chance a dial that has rung `ringingMs` without being settled will be answered:
   * answers and non-answers weighed by how many of each last that long (Bayes).
   */
  answerChanceAfter(ringingMs: number): number {
    const p = this.answerChance();
    const lasting = (answered: boolean) => {
      const times = this.resolutions.filter((r) => r.answered === answered);
      return times.length === 0
        ? 1
        : times.filter((r) => r.ringMs > ringingMs).length / times.length;
    };
    const yes = p * lasting(true);
    const no = (1 - p) * lasting(false);
    return yes + no === 0 ? 0 : yes / (yes + no);
  }

  /**
   * How soon answers come: the `quantile` of answer times (a low one is the cautious choice,
   * since reps must be free by the first answers). Undefined before any answer.
   */
  answerMs(quantile: number): number | undefined {
    return quantileOf(
      this.resolutions.filter((r) => r.answered).map((r) => r.ringMs),
      quantile,
    );
  }

  /**
   * The chance a rep still talking after `talkMs` is free (talk and wrap-up done) within
   * `withinMs` more: from the calls whose talk lasted longer.
   */
  freeChanceTalking(talkMs: number, withinMs: number): number {
    return shareOf(
      this.services.filter((s) => s.talkMs > talkMs),
      (s) => s.talkMs + s.wrapMs <= talkMs + withinMs,
    );
  }

  /**
   * The chance a rep in wrap-up for `wrapMs` is free within `withinMs` more: wrap-up is much
   * steadier than talk, so a rep in it is the surest to be free soon.
   */
  freeChanceWrapping(wrapMs: number, withinMs: number): number {
    return shareOf(
      this.services.filter((s) => s.wrapMs > wrapMs),
      (s) => s.wrapMs <= wrapMs + withinMs,
    );
  }
}

/** The share of `among` that `holds`; 0 with nothing to go by (so not counted on). */
function shareOf<T>(among: readonly T[], holds: (item: T) => boolean): number {
  return among.length === 0 ? 0 : among.filter(holds).length / among.length;
}

function push<T>(list: T[], value: T, window: number): void {
  list.push(value);
  if (list.length > window) list.shift();
}

function quantileOf(values: readonly number[], quantile: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))];
}
