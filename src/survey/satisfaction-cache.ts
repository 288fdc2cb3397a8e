import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import {
  NO_SATISFACTION,
  WEEK_MS,
  summarizeSatisfaction,
  type Satisfaction,
} from './satisfaction.js';
import type { SurveyStore } from './survey-store.js';

/**
 * Each queue's satisfaction, read from memory by the API and the metrics (the queue list and a
 * scrape never wait on the store). Refreshed on a timer; a queue first asked for is read at the
 * next refresh. A store that cannot be read keeps the last figures.
 */
export interface SatisfactionCache {
  summary(queue: string): Satisfaction;
  /** Every queue with figures, for the metrics. */
  all(): ReadonlyMap<string, Satisfaction>;
  refresh(): Promise<void>;
  start(intervalMs: number): void;
  stop(): void;
}

export function createSatisfactionCache(deps: {
  readonly store: Pick<SurveyStore, 'responses'>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly queues: readonly string[];
}): SatisfactionCache {
  const figures = new Map<string, Satisfaction>(deps.queues.map((q) => [q, NO_SATISFACTION]));
  let timer: NodeJS.Timeout | undefined;
  const refresh = async () => {
    const now = deps.clock.now();
    for (const queue of [...figures.keys()]) {
      try {
        figures.set(
          queue,
          summarizeSatisfaction(await deps.store.responses(queue, now - WEEK_MS), now),
        );
      } catch (error) {
        deps.logger.debug({ err: error, queue }, 'satisfaction not refreshed; keeping the last');
      }
    }
  };
  return {
    summary(queue) {
      const known = figures.get(queue);
      if (known !== undefined) return known;
      figures.set(queue, NO_SATISFACTION);
      return NO_SATISFACTION;
    },
    all: () => figures,
    refresh,
    start(intervalMs) {
      timer ??= setInterval(() => void refresh(), intervalMs);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
