/**
 * Reps parked on a queue: waiting in a long `<Dial><Queue>` on a running campaign's queue, so
 * that a callee who answers is bridged at once. The rep loop says when a rep parks and leaves;
 * the dialer dials only for reps who will still be parked when the call could be answered.
 */
export interface RepPresence {
  /** `rep` (its CallSid) waits on `queue` until `until` (epoch ms) unless it leaves earlier. */
  park(rep: string, queue: string, until: number): Promise<void>;
  leave(rep: string, queue: string): Promise<void>;
  /** Reps parked on `queue` whose park lasts at least until `until`. */
  parkedThrough(queue: string, until: number): Promise<number>;
}

/** One process: the rep loop and the dialer share this map. */
export class MemoryRepPresence implements RepPresence {
  private readonly queues = new Map<string, Map<string, number>>();

  park(rep: string, queue: string, until: number): Promise<void> {
    const reps = this.queues.get(queue) ?? new Map<string, number>();
    this.queues.set(queue, reps);
    reps.set(rep, until);
    return Promise.resolve();
  }

  leave(rep: string, queue: string): Promise<void> {
    this.queues.get(queue)?.delete(rep);
    return Promise.resolve();
  }

  parkedThrough(queue: string, until: number): Promise<number> {
    let count = 0;
    for (const [rep, parkedUntil] of this.queues.get(queue) ?? []) {
      if (parkedUntil >= until) count += 1;
      // A rep whose call dropped mid-park never says it left: its park just runs out.
      else if (parkedUntil < until - STALE_AFTER_MS) this.queues.get(queue)?.delete(rep);
    }
    return Promise.resolve(count);
  }
}

/** Parks that ended this long ago are forgotten. */
export const STALE_AFTER_MS = 60 * 60_000;
