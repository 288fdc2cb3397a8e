/**
 * What the predictive pacer learns of a campaign as it dials (issue 18), from its own call
 * reports only: how often a dial is answered by someone a rep must take, how long answers take
 * to come, and how long a rep stays busy with a call (talk and wrap-up). Recent evidence counts:
 * each is kept over the last `window` calls, so a list that changes through the day (a new
 * batch of numbers, the lunch hour) moves the estimates within that many calls.
 *
 * Until evidence comes, it is cautious: a dial is taken to be answered (as progressive dialing
 * assumes), and a busy rep not to be free soon. Prior pseudo-calls fade as real ones arrive.
 */
export class PacingModel {
  private readonly resolutions: { readonly answered: boolean; readonly ringMs: number }[] = [];
  private readonly serviceMs: number[] = [];

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

  /** A rep's call ended and the rep is free again, `busyMs` after being connected. */
  repFreed(busyMs: number): void {
    push(this.serviceMs, busyMs, this.settings.window);
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

  /** The chance a rep busy for `busyMs` is free within `withinMs` more: from calls that lasted longer. */
  freeChance(busyMs: number, withinMs: number): number {
    const longer = this.serviceMs.filter((ms) => ms > busyMs);
    if (longer.length === 0) return 0;
    return longer.filter((ms) => ms <= busyMs + withinMs).length / longer.length;
  }
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
