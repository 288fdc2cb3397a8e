import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One process's metrics, on a registry of its own (never prom-client's global one): each app a
 * test builds counts apart, and nothing registers at import. The composition root makes one
 * and hands it to every part that counts; docs/operations.md says what each metric means.
 */
export interface Metrics {
  readonly registry: Registry;
  /** Webhook answers by route pattern (never the raw URL) and status. */
  readonly webhookDuration: Histogram<'route' | 'status'>;
  /** Webhooks answered with the route's fallback TwiML: `failed` (our side), `refused` (4xx). */
  readonly fallbackAnswers: Counter<'route' | 'kind'>;
  readonly pollCycleDuration: Histogram<'outcome'>;
  readonly pollRequests: Counter;
  readonly pollRetries: Counter;
  /** REST calls of a cycle that failed after their retries. */
  readonly pollFailures: Counter;
  readonly staleQueues: Gauge;
  /** Every REST attempt by what came back: ok, 4xx, 429, 5xx, network, timeout, malformed. */
  readonly restAttempts: Counter<'outcome'>;
  readonly jobs: Gauge<'state'>;
  readonly jobItems: Counter<'kind' | 'result'>;
  readonly redisOutages: Counter<'subject'>;
  readonly redisDown: Gauge<'subject'>;
  readonly duplicatesDropped: Counter<'source'>;
  /** SMS survey messages by result: sent, failed, skipped-opted-out, skipped-rate-limited… */
  readonly surveyMessages: Counter<'result'>;
  /** SMS replies by kind: score, comment, stop, start, help, unlinked. */
  readonly surveyReplies: Counter<'kind'>;
}

/**
 * Webhooks answer in about a millisecond; Twilio gives up at 15 s. Buckets from 0.25 ms to
 * 15 s so both the usual answer and a stall near Twilio's limit land in a bucket of their own.
 */
const WEBHOOK_BUCKETS = [
  0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15,
];
/** A cycle is a few REST round trips; the default cycle deadline is 60 s. */
const POLL_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export function createMetrics(options: { processMetrics?: boolean } = {}): Metrics {
  const registry = new Registry();
  const registers = [registry];
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });
  return {
    registry,
    webhookDuration: new Histogram({
      name: 'holdline_webhook_duration_seconds',
      help: 'Time to answer a Twilio webhook, by route pattern and HTTP status',
      labelNames: ['route', 'status'],
      buckets: WEBHOOK_BUCKETS,
      registers,
    }),
    fallbackAnswers: new Counter({
      name: 'holdline_fallback_answers_total',
      help: "Webhooks answered with the route's fallback TwiML (failed: our side broke; refused: a 4xx)",
      labelNames: ['route', 'kind'],
      registers,
    }),
    pollCycleDuration: new Histogram({
      name: 'holdline_poll_cycle_duration_seconds',
      help: 'Duration of stats poll cycles, by outcome (complete, incomplete, failed)',
      labelNames: ['outcome'],
      buckets: POLL_BUCKETS,
      registers,
    }),
    pollRequests: new Counter({
      name: 'holdline_poll_rest_requests_total',
      help: 'Twilio REST requests made by stats poll cycles, retries included',
      registers,
    }),
    pollRetries: new Counter({
      name: 'holdline_poll_rest_retries_total',
      help: 'Twilio REST requests of poll cycles that were retries',
      registers,
    }),
    pollFailures: new Counter({
      name: 'holdline_poll_rest_failures_total',
      help: 'Twilio REST calls of poll cycles that failed after their retries',
      registers,
    }),
    staleQueues: new Gauge({
      name: 'holdline_poll_stale_queues',
      help: 'Queues whose stats the last poll cycle could not refresh',
      registers,
    }),
    restAttempts: new Counter({
      name: 'holdline_twilio_rest_attempts_total',
      help: 'Twilio REST attempts by outcome: ok, 4xx, 429, 5xx, network, timeout, malformed',
      labelNames: ['outcome'],
      registers,
    }),
    jobs: new Gauge({
      name: 'holdline_jobs',
      help: 'Jobs in the job store by state, read at scrape time',
      labelNames: ['state'],
      registers,
    }),
    jobItems: new Counter({
      name: 'holdline_job_items_total',
      help: "Job items this process's runners finished, by job kind and result (done, failed)",
      labelNames: ['kind', 'result'],
      registers,
    }),
    redisOutages: new Counter({
      name: 'holdline_redis_outages_total',
      help: 'Redis outages seen, by what was failing',
      labelNames: ['subject'],
      registers,
    }),
    redisDown: new Gauge({
      name: 'holdline_redis_down',
      help: '1 while Redis is unreachable for that subject, else 0',
      labelNames: ['subject'],
      registers,
    }),
    surveyMessages: new Counter({
      name: 'holdline_survey_messages_total',
      help: 'SMS surveys by what became of them: sent, failed, or skipped (and why)',
      labelNames: ['result'],
      registers,
    }),
    surveyReplies: new Counter({
      name: 'holdline_survey_replies_total',
      help: 'SMS replies to /sms/incoming by kind: score, comment, stop, start, help, unlinked',
      labelNames: ['kind'],
      registers,
    }),
    duplicatesDropped: new Counter({
      name: 'holdline_duplicate_deliveries_dropped_total',
      help: 'Repeated deliveries recognised and dropped (queue results, TaskRouter events)',
      labelNames: ['source'],
      registers,
    }),
  };
}
