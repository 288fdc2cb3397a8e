import { createHash, randomBytes, randomUUID } from 'node:crypto';
import twilio from 'twilio';
import { fetchUntilAborted } from './abortable-fetch.js';
import type { Clock } from '../clock.js';

export interface SinkRecord {
  readonly sid: string;
  readonly seq: number;
  readonly description: string;
  readonly sinkType: 'webhook' | 'kinesis' | 'segment' | 'email';
  readonly configuration: Readonly<Record<string, unknown>>;
  readonly createdAt: number;
}

export interface SubscriptionRecord {
  readonly sid: string;
  readonly seq: number;
  readonly description: string;
  readonly sinkSid: string;
  readonly types: readonly { readonly type: string; readonly schemaVersion: number }[];
  readonly createdAt: number;
}

/** One POST to a sink, as the tests read it. */
export interface SinkDelivery {
  readonly sinkSid: string;
  readonly events: readonly Record<string, unknown>[];
  /** The answer's status, or null when there was none. */
  readonly status: number | null;
}

/** What tests may ask of deliveries: Event Streams' at-least-once and unordered delivery. */
export interface EventStreamsDeliveryOptions {
  /** Every batch is sent twice. */
  duplicate?: boolean;
  /** Every batch is sent newest event first. */
  reverse?: boolean;
}

/**
 * Event Streams: webhook sinks, their subscriptions, and deliveries. An event published (a
 * call's status callback went out) goes to every sink subscribed to its type as a CloudEvents
 * JSON array (what a sink with batch_events sends; one event per POST otherwise), the events of
 * one tick in one batch. Signed the way twilio-node validates a JSON body: `bodySHA256` (the
 * body's hex SHA-256) added to the destination's query, and X-Twilio-Signature the HMAC-SHA1
 * of that URL with no parameters; a destination with user info sends it as Basic credentials.
 */
export function createEventStreamsState(deps: {
  accountSid: string;
  authToken: string;
  clock: Clock;
  signal: AbortSignal;
}) {
  const sinks = new Map<string, SinkRecord>();
  const subscriptions = new Map<string, SubscriptionRecord>();
  const deliveries: SinkDelivery[] = [];
  const options: EventStreamsDeliveryOptions = {};
  let seq = 0;
  let pending: { type: string; event: Record<string, unknown> }[] = [];
  let inFlight: Promise<void> = Promise.resolve();

  const sinksFor = (type: string) => {
    const sids = new Set(
      [...subscriptions.values()]
        .filter((s) => s.types.some((t) => t.type === type))
        .map((s) => s.sinkSid),
    );
    return [...sids].map((sid) => sinks.get(sid)).filter((s) => s !== undefined);
  };

  const flush = () => {
    const batch = pending;
    pending = [];
    const bySink = new Map<SinkRecord, Record<string, unknown>[]>();
    for (const { type, event } of batch) {
      for (const sink of sinksFor(type)) bySink.set(sink, [...(bySink.get(sink) ?? []), event]);
    }
    for (const [sink, events] of bySink) {
      const ordered = options.reverse === true ? [...events].reverse() : events;
      const batched = sink.configuration.batch_events !== false;
      const bodies = batched ? [ordered] : ordered.map((event) => [event]);
      for (const body of bodies) {
        const times = options.duplicate === true ? 2 : 1;
        for (let i = 0; i < times; i += 1) {
          inFlight = inFlight.then(() => deliver(sink, body));
        }
      }
    }
  };

  const deliver = async (sink: SinkRecord, events: Record<string, unknown>[]) => {
    if (deps.signal.aborted) return;
    const { destination } = sink.configuration;
    if (typeof destination !== 'string') return;
    const body = JSON.stringify(batchedBody(sink, events));
    const target = new URL(destination);
    const basic =
      target.username === ''
        ? undefined
        : Buffer.from(
            `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`,
          ).toString('base64');
    target.username = '';
    target.password = '';
    target.searchParams.append('bodySHA256', createHash('sha256').update(body).digest('hex'));
    const url = target.toString();
    let status: number | null;
    try {
      const { response } = await fetchUntilAborted(
        url,
        {
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            'X-Twilio-Signature': twilio.getExpectedTwilioSignature(deps.authToken, url, {}),
            'User-Agent': 'Twilio-Event-Streams',
            ...(basic === undefined ? {} : { Authorization: `Basic ${basic}` }),
          },
          body,
        },
        deps.signal,
      );
      status = response.status;
    } catch {
      status = null;
    }
    deliveries.push({ sinkSid: sink.sid, events, status });
  };

  return {
    sinks,
    subscriptions,
    deliveries,
    options,
    createSink(input: Omit<SinkRecord, 'sid' | 'seq' | 'createdAt'>): SinkRecord {
      seq += 1;
      const sink = { ...input, sid: newSid('DG'), seq, createdAt: deps.clock.now() };
      sinks.set(sink.sid, sink);
      return sink;
    },
    createSubscription(
      input: Omit<SubscriptionRecord, 'sid' | 'seq' | 'createdAt'>,
    ): SubscriptionRecord {
      seq += 1;
      const subscription = { ...input, sid: newSid('DF'), seq, createdAt: deps.clock.now() };
      subscriptions.set(subscription.sid, subscription);
      return subscription;
    },
    /** A Twilio event happened: it goes out with the others of this tick. */
    publish(type: string, data: Record<string, unknown>) {
      if (sinksFor(type).length === 0) return;
      const event = {
        specversion: '1.0',
        type,
        source: `/2010-04-01/Accounts/${deps.accountSid}/Calls/${typeof data.sid === 'string' ? data.sid : ''}.json`,
        id: `EZ${randomUUID().replaceAll('-', '')}`,
        dataschema: 'https://events-schemas.twilio.com/Voice.WebhookEvent/2',
        datacontenttype: 'application/json',
        time: new Date(deps.clock.now()).toISOString(),
        data,
      };
      if (pending.length === 0) queueMicrotask(flush);
      pending.push({ type, event });
    },
    /** Resolves when every delivery so far has been answered. */
    async settled() {
      for (;;) {
        const current = inFlight;
        await new Promise((resolve) => setImmediate(resolve)); // lets a pending flush run
        await current;
        if (current === inFlight && pending.length === 0) return;
      }
    },
  };
}

export type EventStreamsState = ReturnType<typeof createEventStreamsState>;

function batchedBody(sink: SinkRecord, events: Record<string, unknown>[]): unknown {
  return sink.configuration.batch_events === false ? events[0] : events;
}

function newSid(prefix: 'DG' | 'DF'): string {
  return `${prefix}${randomBytes(16).toString('hex')}`;
}
