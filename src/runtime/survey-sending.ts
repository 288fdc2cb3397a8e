import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { MetadataCache } from '../metadata/metadata-cache.js';
import type { Metrics } from '../metrics/registry.js';
import { createSdkSmsSender } from '../messaging/sms-sender.js';
import { createSurveySender, type SurveySender } from '../messaging/survey-sender.js';
import type { SurveyStore } from '../survey/survey-store.js';
import { twilioClientFor } from './twilio-client.js';
import type { TwilioAccess } from './twilio-access.js';

/**
 * The survey outbox, where Twilio is reached (embedded: the web process; Redis: every worker,
 * each due survey claimed by one). Undefined when no sender number is configured.
 */
export function startSurveySending(options: {
  config: Config;
  logger: Logger;
  clock: Clock;
  store: SurveyStore;
  metadata: Pick<MetadataCache, 'get'>;
  access: TwilioAccess;
  metrics?: Metrics;
}): SurveySender | undefined {
  const { config } = options;
  const from = config.survey.sender;
  if (from === undefined) return undefined;
  const logger = options.logger.child({ component: 'survey' });
  const client = twilioClientFor(options.access, config, {
    logger,
    // A create that may have been made is not retried: a survey is sent at most once.
    retryLimit: 0,
    maxRetryAfterMs: 30_000,
    metrics: options.metrics,
  });
  const sender = createSurveySender({
    store: options.store,
    metadata: options.metadata,
    sms: createSdkSmsSender(client, from),
    clock: options.clock,
    logger,
    publicBaseUrl: config.publicBaseUrl,
    minIntervalHours: config.survey.minIntervalHours,
    ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
  });
  sender.start(config.survey.sendIntervalSeconds * 1000);
  return sender;
}
