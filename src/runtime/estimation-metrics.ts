import { Counter, Gauge } from 'prom-client';
import type { Clock } from '../clock.js';
import type { AnnouncementAccuracy } from '../wait-time/announcement-accuracy.js';
import type { OutboxStatus } from '../wait-time/queue-event-outbox.js';
import type { Metrics } from '../metrics/registry.js';

/**
 * What the estimator's side of a web process is doing, read when scraped: whether what callers
 * were told held true over the last hour (per queue), and in Redis mode how many queue events
 * wait in the outbox for Redis and how many a full outbox dropped.
 */
export function addEstimationMetrics(
  metrics: Pick<Metrics, 'registry'>,
  source: {
    readonly clock: Clock;
    /** The queues to report: QUEUES. */
    readonly queues: readonly string[];
    readonly accuracy: Pick<AnnouncementAccuracy, 'summary'>;
    outboxStatus(): OutboxStatus | undefined;
  },
): void {
  const registers = [metrics.registry];
  const perQueue = (
    name: string,
    help: string,
    read: (summary: ReturnType<AnnouncementAccuracy['summary']>) => number | null,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: ['queue'],
      registers,
      collect() {
        this.reset();
        const now = source.clock.now();
        for (const queue of source.queues) {
          const value = read(source.accuracy.summary(queue, now));
          if (value !== null) this.set({ queue }, value);
        }
      },
    });
  perQueue(
    'holdline_announcements_served',
    'Callers greeted with an estimate and taken by a rep in the last hour',
    (s) => s.served,
  );
  perQueue(
    'holdline_announcement_error_seconds',
    'Mean absolute error of the estimate callers heard on entry against the wait they had, last hour',
    (s) => s.meanAbsoluteErrorSeconds,
  );
  perQueue(
    'holdline_announcement_bias_seconds',
    'Mean of announced minus waited over the last hour (positive: callers were told longer)',
    (s) => s.biasSeconds,
  );
  perQueue(
    'holdline_announcement_within_ratio',
    'Share of announced estimates within ±max(30 s, 20%) of the wait that followed, last hour',
    (s) => s.withinShare,
  );
  new Gauge({
    name: 'holdline_queue_event_outbox_depth',
    help: 'Queue events held for the shared Redis stream (Redis mode)',
    registers,
    collect() {
      this.set(source.outboxStatus()?.depth ?? 0);
    },
  });
  new Counter({
    name: 'holdline_queue_event_outbox_dropped_total',
    help: 'Queue events a full outbox dropped while Redis was away (Redis mode)',
    registers,
    collect() {
      this.reset();
      this.inc(source.outboxStatus()?.dropped ?? 0);
    },
  });
}
