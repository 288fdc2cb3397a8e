import { Gauge } from 'prom-client';
import type { Metrics } from '../metrics/registry.js';
import type { SatisfactionCache } from '../survey/satisfaction-cache.js';

/**
 * Each queue's satisfaction, read from the cache when scraped: responses and the average score
 * over the last day and week, and how many gave each score.
 */
export function addSurveyMetrics(
  metrics: Pick<Metrics, 'registry'>,
  satisfaction: Pick<SatisfactionCache, 'all'>,
): void {
  const registers = [metrics.registry];
  new Gauge({
    name: 'holdline_survey_responses',
    help: 'SMS survey scores received per queue over the window (day, week), by score',
    labelNames: ['queue', 'window', 'score'],
    registers,
    collect() {
      this.reset();
      for (const [queue, figures] of satisfaction.all()) {
        for (const [window, of] of [
          ['day', figures.lastDay],
          ['week', figures.lastWeek],
        ] as const) {
          for (const [score, n] of Object.entries(of.distribution))
            this.set({ queue, window, score }, n);
        }
      }
    },
  });
  new Gauge({
    name: 'holdline_survey_score_average',
    help: 'Mean SMS survey score (1 to 5) per queue over the window (day, week); absent without responses',
    labelNames: ['queue', 'window'],
    registers,
    collect() {
      this.reset();
      for (const [queue, figures] of satisfaction.all()) {
        if (figures.lastDay.average !== null)
          this.set({ queue, window: 'day' }, figures.lastDay.average);
        if (figures.lastWeek.average !== null)
          this.set({ queue, window: 'week' }, figures.lastWeek.average);
      }
    },
  });
}
