import type { RequestHandler } from 'express';

/** What became of the Worker updates (POST …/Workers/{WK}) the emulator was sent. */
export interface WorkerWriteCounts {
  readonly attempts: number;
  /** Answered 2xx: the change was made. */
  readonly applied: number;
  /** Answered 429 by the rate limit (or a script). */
  readonly rateLimited: number;
  /** Any other 4xx: bad attributes, an unknown worker, a bad parameter. */
  readonly refused: number;
  /** 5xx, or dropped without an answer. */
  readonly failed: number;
  /** Applied writes per worker SID. */
  readonly appliedByWorker: Readonly<Record<string, number>>;
}

export interface WorkerWriteTally {
  readonly counts: WorkerWriteCounts;
  clear(): void;
  /** Mounted before the faults, so that it sees the writes they refuse too. */
  readonly middleware: RequestHandler;
}

const WORKER_PATH = /^\/v1\/Workspaces\/[^/]+\/Workers\/(WK[^/]+)$/;

export function createWorkerWriteTally(): WorkerWriteTally {
  let counts = { attempts: 0, applied: 0, rateLimited: 0, refused: 0, failed: 0 };
  let byWorker = new Map<string, number>();
  return {
    get counts() {
      return { ...counts, appliedByWorker: Object.fromEntries(byWorker) };
    },
    clear() {
      counts = { attempts: 0, applied: 0, rateLimited: 0, refused: 0, failed: 0 };
      byWorker = new Map();
    },
    middleware(req, res, next) {
      const sid = req.method === 'POST' ? WORKER_PATH.exec(req.path)?.[1] : undefined;
      if (sid !== undefined) {
        res.once('close', () => {
          const status = res.writableFinished ? res.statusCode : 0;
          counts.attempts += 1;
          if (status >= 200 && status < 300) {
            counts.applied += 1;
            byWorker.set(sid, (byWorker.get(sid) ?? 0) + 1);
          } else if (status === 429) counts.rateLimited += 1;
          else if (status >= 400 && status < 500) counts.refused += 1;
          else counts.failed += 1;
        });
      }
      next();
    },
  };
}
