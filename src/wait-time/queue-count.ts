/**
 * The callers in one queue now, as this app counts them: in by CallSid at /voice/incoming, out
 * at /voice/queue-result. Fresher than any poll, but blind to callers it never saw enter (after
 * a restart, or put in the queue by another flow) and to results that never arrived. Twilio's
 * own count, whenever it is seen, sets it right: the difference is kept as a correction that
 * unseen callers work off as they leave.
 */
export interface QueueCount {
  entered(callSid: string | undefined, at: number): void;
  /**
   * A caller left the queue at `leftAt`: theirs if we counted them in, else one of the unseen.
   * A report that comes after the caller really left (a bridged caller's result arrives when
   * the call ends) may come after a reading of Twilio's count that no longer held them: that
   * reading already took them out, so taking them out again would count them twice.
   */
  left(callSid: string | undefined, leftAt: number): void;
  /** When a caller we counted in entered; undefined if we never saw them enter. */
  enteredAt(callSid: string | undefined): number | undefined;
  /**
   * A caller who was never really in Twilio's queue (queue full, an error): out of our own
   * count if we counted them in; never one of the unseen, whom Twilio's count did not include.
   */
  dropped(callSid: string | undefined): void;
  /**
   * Twilio's count, read no later than `at`. Ignored when this count changed after `at`: the
   * reading may predate that change, and the next one will tell.
   */
  observed(size: number, at: number): void;
  /** undefined until a caller entered or Twilio's count was seen. */
  value(): number | undefined;
}

/** Callers who entered and were never seen to leave are dropped from the count after this. */
const FORGET_ENTERED_AFTER_MS = 4 * 3600 * 1000;

export function createQueueCount(): QueueCount {
  /** CallSid → when it entered; callers without a CallSid are left to the correction. */
  const inQueue = new Map<string, number>();
  /** Callers in the queue that inQueue does not hold (negative: entries that are gone). */
  let unseen = 0;
  let known = false;
  let changedAt = Number.NEGATIVE_INFINITY;
  /** When the count last took Twilio's reading. */
  let observedAt = Number.NEGATIVE_INFINITY;

  const changed = (at: number) => {
    known = true;
    changedAt = Math.max(changedAt, at);
  };

  return {
    entered(callSid, at) {
      changed(at);
      if (callSid === undefined) {
        unseen += 1;
        return;
      }
      inQueue.set(callSid, at);
      if (inQueue.size % 256 === 0) forgetOld(inQueue, at);
    },

    left(callSid, leftAt) {
      changed(leftAt);
      if (callSid !== undefined && inQueue.delete(callSid)) {
        // The reading set `unseen` to make up for this caller still being held here.
        if (leftAt < observedAt) unseen += 1;
        return;
      }
      if (unseen > 0 && leftAt >= observedAt) unseen -= 1;
    },

    enteredAt: (callSid) => (callSid === undefined ? undefined : inQueue.get(callSid)),

    dropped(callSid) {
      if (callSid !== undefined) inQueue.delete(callSid);
    },

    observed(size, at) {
      if (!Number.isInteger(size) || size < 0 || at < changedAt) return;
      changed(at);
      observedAt = at;
      unseen = size - inQueue.size;
    },

    value: () => (known ? Math.max(0, inQueue.size + unseen) : undefined),
  };
}

function forgetOld(inQueue: Map<string, number>, now: number): void {
  for (const [callSid, enteredAt] of inQueue) {
    if (now - enteredAt > FORGET_ENTERED_AFTER_MS) inQueue.delete(callSid);
  }
}
