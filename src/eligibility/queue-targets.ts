import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { compileExpression, type CompiledExpression } from '../taskrouter/expression/index.js';
import type { QueueTarget } from './eligibility.js';
import type { EligibilityCache } from './eligibility-cache.js';

/** Every queue a worker can be judged against, and the ones that cannot be judged here. */
export interface QueueTargetSet {
  readonly queues: readonly QueueTarget[];
  /**
   * Queues whose expressions this evaluator cannot read (TaskRouter accepted them, so the fault
   * is ours): a worker's listed membership of these is kept as it is, never dropped.
   */
  readonly unreadable: ReadonlySet<string>;
}

/** One queue's expression as a job was created with: it wins over what the cache holds. */
export interface QueueOverride {
  readonly queueSid: string;
  /** Undefined: the queue was deleted. */
  readonly expression: string | undefined;
}

export interface QueueTargets {
  /**
   * The queues as the cache holds them (read again at most every `maxAgeMs`, or now when
   * `fresh`), with an override.
   */
  current(override?: QueueOverride, options?: { fresh?: boolean }): Promise<QueueTargetSet>;
}

/**
 * The cached queue expressions, compiled. Compiled expressions are kept by text, so re-reading
 * the cache costs a hash read, not 60 parses; an unreadable one is logged once per text.
 */
export function createQueueTargets(options: {
  cache: EligibilityCache;
  clock: Clock;
  logger: Logger;
  maxAgeMs: number;
}): QueueTargets {
  const compiled = new Map<string, CompiledExpression | undefined>();
  let read: { at: number; expressions: Map<string, string> } | undefined;

  function compile(queueSid: string, text: string): CompiledExpression | undefined {
    if (compiled.has(text)) return compiled.get(text);
    let expression: CompiledExpression | undefined;
    try {
      expression = compileExpression(text);
    } catch (error) {
      options.logger.warn(
        { err: error, queueSid, expression: text },
        'eligibility: cannot read this TargetWorkers expression; its members are left as they are',
      );
    }
    compiled.set(text, expression);
    return expression;
  }

  return {
    async current(override, { fresh = false } = {}) {
      const now = options.clock.now();
      if (fresh || read === undefined || now - read.at >= options.maxAgeMs) {
        read = { at: now, expressions: await options.cache.queues() };
      }
      const expressions = new Map(read.expressions);
      if (override !== undefined) {
        if (override.expression === undefined) expressions.delete(override.queueSid);
        else expressions.set(override.queueSid, override.expression);
      }
      const queues: QueueTarget[] = [];
      const unreadable = new Set<string>();
      for (const [sid, text] of expressions) {
        const expression = compile(sid, text);
        if (expression === undefined) unreadable.add(sid);
        else queues.push({ sid, expression });
      }
      return { queues, unreadable };
    },
  };
}
