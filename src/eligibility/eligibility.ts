import type { CompiledExpression } from '../taskrouter/expression/index.js';

/** A TaskQueue as eligibility sees it: its SID and its TargetWorkers expression, compiled. */
export interface QueueTarget {
  readonly sid: string;
  readonly expression: CompiledExpression;
}

/** The SIDs of the queues whose expressions a worker with these attributes meets, sorted. */
export function eligibleQueues(attributes: unknown, queues: readonly QueueTarget[]): string[] {
  return queues
    .filter((queue) => queue.expression.matches(attributes))
    .map((queue) => queue.sid)
    .sort();
}

/**
 * The workers whose eligibility for one queue flips when its expression goes from `before` to
 * `after` (undefined: the queue did not exist, or no longer does), judged on the attributes
 * already known. A queue's change can only change that queue's place in each list: the other
 * workers need neither a fetch nor a write, which is what makes an expression change cheap
 * (the original design re-evaluated, and rewrote, every worker).
 */
export function workersFlippedBy(
  workers: Iterable<readonly [workerSid: string, attributes: unknown]>,
  before: CompiledExpression | undefined,
  after: CompiledExpression | undefined,
): string[] {
  const flipped: string[] = [];
  for (const [sid, attributes] of workers) {
    const was = before?.matches(attributes) ?? false;
    const is = after?.matches(attributes) ?? false;
    if (was !== is) flipped.push(sid);
  }
  return flipped;
}
