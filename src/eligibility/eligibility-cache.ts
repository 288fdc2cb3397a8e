/**
 * What eligibility remembers between events: each worker's attributes as last seen, so that a
 * queue's expression change is judged without fetching thousands of workers, and each queue's
 * TargetWorkers expression, so that a change's "before" is known. In memory (one process) or in
 * Redis (shared by every process; see redis-eligibility-cache.ts).
 */
export interface EligibilityCache {
  /** Every worker's attributes (the JSON text TaskRouter holds) as last seen, by worker SID. */
  workers(): Promise<Map<string, string>>;
  setWorker(workerSid: string, attributes: string): Promise<void>;
  removeWorker(workerSid: string): Promise<void>;
  /** Every queue's TargetWorkers expression (text) as last seen, by queue SID. */
  queues(): Promise<Map<string, string>>;
  /** Sets one queue's expression and answers the one it replaced (undefined: the queue was new). */
  setQueue(queueSid: string, expression: string): Promise<string | undefined>;
  /** Forgets a queue and answers its expression (undefined: it was not known). */
  removeQueue(queueSid: string): Promise<string | undefined>;
  /** Replaces every queue at once (a full sync read them all). */
  replaceQueues(queues: ReadonlyMap<string, string>): Promise<void>;
  /** When a full sync last filled the cache (epoch ms); undefined when none ever has. */
  syncedAt(): Promise<number | undefined>;
  markSynced(now: number): Promise<void>;
  /**
   * Claims the start of a full sync for `ttlMs`: of many processes starting at once, one starts
   * it. False while another claim holds.
   */
  claimSync(now: number, ttlMs: number): Promise<boolean>;
}

/** What a cache holds, as the file-backed one keeps it. */
export interface EligibilityCacheContents {
  readonly workers: ReadonlyMap<string, string>;
  readonly queues: ReadonlyMap<string, string>;
  readonly syncedAt: number | undefined;
}

/**
 * One process: Maps, from `initial` when given; `onChange` hears of every change (the file
 * store writes the contents out; see file-eligibility-cache.ts).
 */
export function createMemoryEligibilityCache(
  options: {
    initial?: EligibilityCacheContents;
    onChange?: (contents: EligibilityCacheContents) => void;
  } = {},
): EligibilityCache {
  const workers = new Map(options.initial?.workers);
  let queues = new Map(options.initial?.queues);
  let synced = options.initial?.syncedAt;
  let claimedUntil = Number.NEGATIVE_INFINITY;
  const changed = () => options.onChange?.({ workers, queues, syncedAt: synced });
  const cache: EligibilityCache = {
    workers: () => Promise.resolve(new Map(workers)),
    setWorker(workerSid, attributes) {
      workers.set(workerSid, attributes);
      changed();
      return Promise.resolve();
    },
    removeWorker(workerSid) {
      if (workers.delete(workerSid)) changed();
      return Promise.resolve();
    },
    queues: () => Promise.resolve(new Map(queues)),
    setQueue(queueSid, expression) {
      const before = queues.get(queueSid);
      queues.set(queueSid, expression);
      changed();
      return Promise.resolve(before);
    },
    removeQueue(queueSid) {
      const before = queues.get(queueSid);
      if (queues.delete(queueSid)) changed();
      return Promise.resolve(before);
    },
    replaceQueues(next) {
      queues = new Map(next);
      changed();
      return Promise.resolve();
    },
    syncedAt: () => Promise.resolve(synced),
    markSynced(now) {
      synced = now;
      changed();
      return Promise.resolve();
    },
    claimSync(now, ttlMs) {
      if (now < claimedUntil) return Promise.resolve(false);
      claimedUntil = now + ttlMs;
      return Promise.resolve(true);
    },
  };
  return cache;
}
