import type { Config } from '../config.js';
import { ensureEventStreamsSink } from '../dialer/event-streams-sink.js';
import type { Logger } from '../logger.js';
import { EVENT_STREAMS_PATH } from '../outbound/event-streams-route.js';
import { twilioClientFor } from './twilio-client.js';
import type { Backend } from './backend.js';
import type { TwilioAccess } from './twilio-access.js';

/**
 * EVENT_STREAMS_SINK=auto: at start, where campaigns are dialed, makes sure Event Streams
 * delivers call status events to our /eventstreams (see ensureEventStreamsSink). Never fails
 * the start: without the sink, the status callback alone still reports every call.
 */
export async function startEventStreamsSink(options: {
  config: Config;
  logger: Logger;
  backend: Pick<Backend, 'sinkLock'>;
  access: TwilioAccess;
}): Promise<void> {
  const { config } = options;
  if (config.eventStreams.sink !== 'auto') return;
  const logger = options.logger.child({ component: 'event-streams-sink' });
  const client = twilioClientFor(options.access, config, { logger, maxRetryAfterMs: 30_000 });
  try {
    await ensureEventStreamsSink({
      client,
      lock: options.backend.sinkLock,
      destination: sinkDestination(config),
      logger,
    });
  } catch (error) {
    logger.error({ err: error }, 'event streams sink could not be checked or created');
  }
}

/** Our /eventstreams, with EVENT_STREAMS_BASIC_AUTH in the user info when set. */
export function sinkDestination(config: Pick<Config, 'publicBaseUrl' | 'eventStreams'>): string {
  const url = new URL(`${config.publicBaseUrl}${EVENT_STREAMS_PATH}`);
  const credentials = config.eventStreams.basicAuth;
  if (credentials !== undefined) {
    url.username = credentials.user;
    url.password = credentials.password;
  }
  return url.toString();
}
