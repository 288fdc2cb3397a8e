/** One slice of the day: how busy the agents were and how many people were abandoned. */
export interface TimelineBucket {
  readonly fromSeconds: number;
  readonly occupancy: number;
  readonly liveAnswers: number;
  readonly abandoned: number;
  /** Abandoned plus people AMD took for machines (the UK rule counts them). */
  readonly abandonedUk: number;
}

export interface CampaignResult {
  readonly pacer: string;
  readonly contactsDialed: number;
  readonly started: number;
  /** People who picked up and were either connected or abandoned (UK count: AMD's too). */
  readonly liveAnswers: number;
  readonly connectedHumans: number;
  /** People not connected within the 2 s. */
  readonly abandoned: number;
  /** People AMD took for machines and hung up on. */
  readonly amdFalsePositives: number;
  readonly connectedMachines: number;
  readonly droppedMachines: number;
  /** (talk + wrap-up) ÷ logged-in time. */
  readonly occupancy: number;
  /** abandoned ÷ live answers (the US rule; AMD's false positives left out). */
  readonly abandonRate: number;
  /** (abandoned + AMD false positives) ÷ live answers: the UK rule. */
  readonly abandonRateUk: number;
  readonly maxStartsPerSecond: number;
  readonly callsPerSecond: number;
  /** From the moment a person could be connected (pick-up, or AMD's verdict) to the agent. */
  readonly answerToRepSeconds: readonly number[];
  /** Where the measured window ends: the campaign's length, or when the list and its calls ran out. */
  readonly endedAtSeconds: number;
  readonly timeline: readonly TimelineBucket[];
}

interface Bucket {
  busyMs: number;
  loggedInMs: number;
  humansConnected: number;
  abandoned: number;
  falsePositives: number;
}

/** Running sums of a campaign run: agent time by the bucket, and what became of each person. */
export class CampaignMeter {
  private readonly buckets: Bucket[] = [];
  private busyMs = 0;
  private loggedInMs = 0;
  connectedHumans = 0;
  abandoned = 0;
  amdFalsePositives = 0;
  connectedMachines = 0;
  droppedMachines = 0;
  readonly answerToRepSeconds: number[] = [];

  constructor(private readonly bucketMs: number) {}

  /** Agents' state held from `from` to `to`: `busy` of `onShift` agents on a call or wrapping up. */
  hold(from: number, to: number, busy: number, onShift: number): void {
    if (to <= from) return;
    this.busyMs += busy * (to - from);
    this.loggedInMs += onShift * (to - from);
    for (let start = from; start < to;) {
      const index = Math.floor(start / this.bucketMs);
      const end = Math.min(to, (index + 1) * this.bucketMs);
      const bucket = this.bucket(index);
      bucket.busyMs += busy * (end - start);
      bucket.loggedInMs += onShift * (end - start);
      start = end;
    }
  }

  connected(at: number, waitedMs: number): void {
    this.connectedHumans++;
    this.answerToRepSeconds.push(waitedMs / 1000);
    this.bucketAt(at).humansConnected++;
  }

  abandon(at: number): void {
    this.abandoned++;
    this.bucketAt(at).abandoned++;
  }

  falsePositive(at: number): void {
    this.amdFalsePositives++;
    this.bucketAt(at).falsePositives++;
  }

  result(fields: {
    pacer: string;
    contactsDialed: number;
    started: number;
    maxStartsPerSecond: number;
    callsPerSecond: number;
    endedAt: number;
  }): CampaignResult {
    const live = this.connectedHumans + this.abandoned;
    const liveUk = live + this.amdFalsePositives;
    return {
      pacer: fields.pacer,
      contactsDialed: fields.contactsDialed,
      started: fields.started,
      liveAnswers: liveUk,
      connectedHumans: this.connectedHumans,
      abandoned: this.abandoned,
      amdFalsePositives: this.amdFalsePositives,
      connectedMachines: this.connectedMachines,
      droppedMachines: this.droppedMachines,
      occupancy: ratio(this.busyMs, this.loggedInMs),
      abandonRate: ratio(this.abandoned, live),
      abandonRateUk: ratio(this.abandoned + this.amdFalsePositives, liveUk),
      maxStartsPerSecond: fields.maxStartsPerSecond,
      callsPerSecond: fields.callsPerSecond,
      answerToRepSeconds: this.answerToRepSeconds,
      endedAtSeconds: fields.endedAt / 1000,
      timeline: this.buckets.map((b, i) => ({
        fromSeconds: (i * this.bucketMs) / 1000,
        occupancy: ratio(b.busyMs, b.loggedInMs),
        liveAnswers: b.humansConnected + b.abandoned + b.falsePositives,
        abandoned: b.abandoned,
        abandonedUk: b.abandoned + b.falsePositives,
      })),
    };
  }

  private bucketAt(at: number): Bucket {
    return this.bucket(Math.floor(at / this.bucketMs));
  }

  private bucket(index: number): Bucket {
    while (this.buckets.length <= index) {
      this.buckets.push({
        busyMs: 0,
        loggedInMs: 0,
        humansConnected: 0,
        abandoned: 0,
        falsePositives: 0,
      });
    }
    return this.buckets[index] as Bucket;
  }
}

/** 0 for 0 ÷ 0: no live answers means nobody was abandoned. */
const ratio = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
