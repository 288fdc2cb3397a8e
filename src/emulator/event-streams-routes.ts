import { Router, type Request } from 'express';
import type { EventStreamsState, SinkRecord, SubscriptionRecord } from './event-streams-state.js';
import { v1Meta } from './page-links.js';
import { readPageQuery, slicePage } from './paging.js';
import { readQuery } from './query.js';
import { sendJson } from './respond.js';
import { parseTwilioForm, readForm } from './twilio-form.js';
import { twilioErrors } from './twilio-errors.js';

const EVENTS = 'https://events.twilio.com/v1';
const SINK_TYPES = new Set(['webhook', 'kinesis', 'segment', 'email']);

/**
 * Event Streams' Sinks and Subscriptions (create, list, fetch, delete) in the shapes of
 * twilio_events_v1.json. A webhook sink is active as soon as it is made, as Twilio's are.
 */
export function createEventStreamsRouter(deps: { state: EventStreamsState }): Router {
  const { state } = deps;
  const router = Router({ caseSensitive: true });
  const notAllowed = (req: Request) => {
    throw twilioErrors.methodNotAllowed(req.method);
  };
  const list = <T extends { seq: number }>(
    req: Request,
    key: string,
    path: string,
    items: readonly T[],
    render: (item: T) => unknown,
  ) => {
    const query = readQuery(req);
    const page = readPageQuery(query);
    const slice = slicePage(
      [...items].sort((a, b) => a.seq - b.seq),
      page,
    );
    return {
      [key]: slice.items.map(render),
      meta: v1Meta({ key, listUrl: `${EVENTS}${path}`, filters: [], query: page, slice }),
    };
  };

  router
    .route('/v1/Sinks')
    .post(parseTwilioForm, (req, res) => {
      const form = readForm(req);
      const sinkType = form.SinkType ?? '';
      if (!SINK_TYPES.has(sinkType)) throw twilioErrors.invalidParameter('SinkType', 'required');
      const description = required(form, 'Description');
      const configuration = jsonObject(form.SinkConfiguration, 'SinkConfiguration');
      if (sinkType === 'webhook' && typeof configuration.destination !== 'string') {
        throw twilioErrors.invalidParameter('SinkConfiguration', 'destination is required');
      }
      const sink = state.createSink({
        description,
        sinkType: sinkType as SinkRecord['sinkType'],
        configuration,
      });
      sendJson(res, 201, renderSink(sink));
    })
    .get((req, res) => {
      sendJson(res, 200, list(req, 'sinks', '/Sinks', [...state.sinks.values()], renderSink));
    })
    .all(notAllowed);

  router
    .route('/v1/Sinks/:sid')
    .get((req, res) => sendJson(res, 200, renderSink(found(state.sinks, req))))
    .delete((req, res) => {
      const sink = found(state.sinks, req);
      state.sinks.delete(sink.sid);
      res.status(204).end();
    })
    .all(notAllowed);

  router
    .route('/v1/Subscriptions')
    .post(parseTwilioForm, (req, res) => {
      const form = readForm(req);
      const description = required(form, 'Description');
      const sinkSid = required(form, 'SinkSid');
      if (!state.sinks.has(sinkSid)) throw twilioErrors.invalidParameter('SinkSid', 'no such sink');
      const types = typesOf(req.body as Record<string, unknown>);
      sendJson(
        res,
        201,
        renderSubscription(state.createSubscription({ description, sinkSid, types })),
      );
    })
    .get((req, res) => {
      const sinkSid = readQuery(req).SinkSid;
      const items = [...state.subscriptions.values()].filter(
        (s) => sinkSid === undefined || s.sinkSid === sinkSid,
      );
      sendJson(res, 200, list(req, 'subscriptions', '/Subscriptions', items, renderSubscription));
    })
    .all(notAllowed);

  router
    .route('/v1/Subscriptions/:sid')
    .get((req, res) => sendJson(res, 200, renderSubscription(found(state.subscriptions, req))))
    .delete((req, res) => {
      const subscription = found(state.subscriptions, req);
      state.subscriptions.delete(subscription.sid);
      res.status(204).end();
    })
    .all(notAllowed);

  return router;
}

function renderSink(sink: SinkRecord) {
  const url = `${EVENTS}/Sinks/${sink.sid}`;
  const at = isoSeconds(sink.createdAt);
  return {
    date_created: at,
    date_updated: at,
    description: sink.description,
    sid: sink.sid,
    sink_configuration: sink.configuration,
    sink_type: sink.sinkType,
    status: 'active',
    url,
    links: { sink_test: `${url}/Test`, sink_validate: `${url}/Validate` },
  };
}

function renderSubscription(subscription: SubscriptionRecord) {
  const url = `${EVENTS}/Subscriptions/${subscription.sid}`;
  const at = isoSeconds(subscription.createdAt);
  return {
    account_sid: null,
    sid: subscription.sid,
    date_created: at,
    date_updated: at,
    description: subscription.description,
    sink_sid: subscription.sinkSid,
    url,
    links: { subscribed_events: `${url}/SubscribedEvents` },
  };
}

/** ISO 8601 in whole seconds, as Twilio's v1 APIs write dates. */
function isoSeconds(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function found<T>(records: ReadonlyMap<string, T>, req: Request): T {
  const record = records.get(String(req.params.sid));
  if (record === undefined) throw twilioErrors.notFound(req.path);
  return record;
}

function required(form: Record<string, string>, name: string): string {
  const value = form[name];
  if (value === undefined || value === '') throw twilioErrors.invalidParameter(name, 'required');
  return value;
}

function jsonObject(text: string | undefined, name: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text ?? '') as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
  } catch {
    // falls through to the 400
  }
  throw twilioErrors.invalidParameter(name, 'a JSON object');
}

/** `Types`, repeated, each a JSON object `{type, schema_version}` (as the SDK sends them). */
function typesOf(body: Record<string, unknown>): SubscriptionRecord['types'] {
  const raw = body.Types;
  const items = (Array.isArray(raw) ? raw : [raw]).filter(
    (v): v is string => typeof v === 'string',
  );
  if (items.length === 0) throw twilioErrors.invalidParameter('Types', 'required');
  return items.map((item) => {
    const value = jsonObject(item, 'Types');
    if (typeof value.type !== 'string') throw twilioErrors.invalidParameter('Types', 'type');
    const version = Number(value.schema_version ?? 1);
    return { type: value.type, schemaVersion: Number.isInteger(version) ? version : 1 };
  });
}
