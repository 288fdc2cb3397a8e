import type { Twilio } from 'twilio';
import type { Logger } from '../logger.js';
import { CALL_STATUS_EVENT_TYPES } from '../outbound/call-cloud-events.js';
import type { SinkLock } from './sink-lock.js';

const SCHEMA_VERSION = 1;
/** Longer than listing and creating take, short enough that a crashed holder soon lets go. */
const LOCK_TTL_MS = 60_000;

export type SinkOutcome =
  | { readonly done: 'found'; readonly sinkSid: string; readonly subscriptionSid: string }
  | { readonly done: 'created'; readonly sinkSid: string; readonly subscriptionSid: string }
  | { readonly done: 'left-to-another-process' };

/**
 * Makes sure Event Streams delivers our calls' status events to `destination` (our
 * /eventstreams, with the Basic credentials when configured): a webhook sink with that
 * destination, batching, and a subscription of it to the four call status events. Done once
 * across processes: under the lock, and the list is read again once it is held, so two
 * processes starting together never make two sinks. Logs what it did; the credentials never.
 */
export async function ensureEventStreamsSink(deps: {
  client: Pick<Twilio, 'events'>;
  lock: SinkLock;
  destination: string;
  logger: Logger;
}): Promise<SinkOutcome> {
  const { client, logger } = deps;
  const where = withoutCredentials(deps.destination);
  const release = await deps.lock.acquire(LOCK_TTL_MS);
  if (release === undefined) {
    logger.info({ destination: where }, 'event streams sink: another process is seeing to it');
    return { done: 'left-to-another-process' };
  }
  try {
    const sinks = await client.events.v1.sinks.list({ pageSize: 100 });
    const ours = sinks.find(
      (sink) => sink.sinkType === 'webhook' && destinationOf(sink.sinkConfiguration) === where,
    );
    const sink =
      ours ??
      (await client.events.v1.sinks.create({
        description: 'holdline outbound call status',
        sinkType: 'webhook',
        sinkConfiguration: { destination: deps.destination, method: 'POST', batch_events: true },
      }));
    const subscriptions = await client.events.v1.subscriptions.list({
      sinkSid: sink.sid,
      pageSize: 100,
    });
    const subscription =
      subscriptions[0] ??
      (await client.events.v1.subscriptions.create({
        description: 'holdline outbound call status',
        sinkSid: sink.sid,
        types: CALL_STATUS_EVENT_TYPES.map((type) => ({ type, schema_version: SCHEMA_VERSION })),
      }));
    const done = ours !== undefined && subscriptions.length > 0 ? 'found' : 'created';
    logger.info(
      {
        destination: where,
        sink: sink.sid,
        subscription: subscription.sid,
        sinkCreated: ours === undefined,
        subscriptionCreated: subscriptions.length === 0,
      },
      done === 'found' ? 'event streams sink already in place' : 'event streams sink created',
    );
    return { done, sinkSid: sink.sid, subscriptionSid: subscription.sid };
  } finally {
    await release().catch(() => undefined);
  }
}

/** A sink's destination as we compare it: without the user info (Twilio may mask it). */
function destinationOf(configuration: unknown): string | undefined {
  const destination = (configuration as { destination?: unknown } | null)?.destination;
  return typeof destination === 'string' ? withoutCredentials(destination) : undefined;
}

function withoutCredentials(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}
