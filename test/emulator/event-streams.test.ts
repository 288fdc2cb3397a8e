import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import type { Twilio } from 'twilio';
import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import { MemoryControlLog } from '../../src/outbound/control-log.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { CALL_STATUS_EVENT_TYPES } from '../../src/outbound/call-cloud-events.js';
import { contacts, execution, T0 } from '../outbound/campaign-fixtures.js';
import { basicAuth, EMULATOR_ACCOUNT_SID, sdkFor } from '../support/emulator-sdk.js';
import { createManualScheduler } from '../support/manual-scheduler.js';
import {
  describeWithOpenApi,
  loadSpec,
  resolveSchema,
  shapeProblems,
  type Spec,
} from '../support/openapi-shapes.js';
import { AUTH_TOKEN, buildTestApp } from '../support/test-app.js';

type Json = Record<string, unknown>;
const TO = '+14155550101';
const DESTINATION = 'https://holdline.example.test/eventstreams';

function schemaOf(spec: Spec, name: string): Json {
  return resolveSchema(spec, { $ref: `#/components/schemas/${name}` });
}

describeWithOpenApi(
  'Event Streams sinks and subscriptions match Twilio’s OpenAPI description',
  () => {
    let emulator: Emulator;
    let client: Twilio;
    beforeEach(async () => {
      emulator = await startEmulator({ accountSid: EMULATOR_ACCOUNT_SID, authToken: AUTH_TOKEN });
      client = sdkFor(emulator, { authToken: AUTH_TOKEN }).client;
    });
    afterEach(() => emulator.close());

    const get = async (path: string) => {
      const response = await fetch(`${emulator.baseUrl}${path}`, {
        headers: { authorization: basicAuth(AUTH_TOKEN) },
      });
      return { status: response.status, body: (await response.json()) as Json };
    };

    it('sinks: create, list, fetch and delete in the documented shape', async () => {
      const spec = loadSpec('twilio_events_v1.json');
      const sink = await client.events.v1.sinks.create({
        description: 'holdline',
        sinkType: 'webhook',
        sinkConfiguration: { destination: DESTINATION, method: 'POST', batch_events: true },
      });
      expect(sink.sid).toMatch(/^DG[0-9a-f]{32}$/);
      expect(sink.status).toBe('active');

      const listed = await get('/v1/Sinks');
      const one = await get(`/v1/Sinks/${sink.sid}`);

      expect(listed.status).toBe(200);
      expect((listed.body.meta as Json).key).toBe('sinks');
      const [first] = listed.body.sinks as Json[];
      expect(first).toEqual(one.body);
      expect(shapeProblems(spec, schemaOf(spec, 'events.v1.sink'), one.body)).toEqual([]);
      expect(one.body.sink_configuration).toEqual({
        destination: DESTINATION,
        method: 'POST',
        batch_events: true,
      });
      await client.events.v1.sinks(sink.sid).remove();
      expect((await get(`/v1/Sinks/${sink.sid}`)).status).toBe(404);
    });

    it('subscriptions: create with Types, list by SinkSid, fetch, in the documented shape', async () => {
      const spec = loadSpec('twilio_events_v1.json');
      const sink = await client.events.v1.sinks.create({
        description: 'holdline',
        sinkType: 'webhook',
        sinkConfiguration: { destination: DESTINATION, method: 'POST', batch_events: true },
      });
      const subscription = await client.events.v1.subscriptions.create({
        description: 'calls',
        sinkSid: sink.sid,
        types: CALL_STATUS_EVENT_TYPES.map((type) => ({ type, schema_version: 1 })),
      });

      const listed = await client.events.v1.subscriptions.list({ sinkSid: sink.sid });
      const none = await client.events.v1.subscriptions.list({ sinkSid: `DG${'0'.repeat(32)}` });
      const one = await get(`/v1/Subscriptions/${subscription.sid}`);

      expect(subscription.sid).toMatch(/^DF[0-9a-f]{32}$/);
      expect(listed.map((s) => s.sid)).toEqual([subscription.sid]);
      expect(none).toEqual([]);
      expect(shapeProblems(spec, schemaOf(spec, 'events.v1.subscription'), one.body)).toEqual([]);
      expect(emulator.eventStreams.subscriptions.get(subscription.sid)?.types).toEqual(
        CALL_STATUS_EVENT_TYPES.map((type) => ({ type, schemaVersion: 1 })),
      );
    });
  },
);

describe('Event Streams deliveries from the emulator to the app', () => {
  let emulator: Emulator;
  let server: Server;
  let scheduler: ReturnType<typeof createManualScheduler>;
  afterEach(async () => {
    await emulator.close();
    await new Promise((resolve) => server.close(resolve));
  });

  /** The app on a port (its PUBLIC_BASE_URL is that port), an emulator signing with its token. */
  async function setUp(env: Record<string, string> = {}) {
    // The server listens first: the app's PUBLIC_BASE_URL is the port it got.
    const holder: { app?: Express } = {};
    server = createServer((req, res) => {
      void holder.app?.(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const store = await EmbeddedCampaignStore.open(undefined);
    await store.create(execution('CE1'), contacts(1));
    await store.setStatus('CE1', ['ready'], 'running', undefined);
    const [claimed] = await store.claim('CE1', 1, T0);
    if (claimed === undefined) throw new Error('nothing claimed');
    await store.advance('CE1', claimed.id, ['claimed'], { state: 'dialing', dialedAt: T0 });
    holder.app = buildTestApp({
      env: { PUBLIC_BASE_URL: base, ...env },
      outbound: { campaigns: store, control: new MemoryControlLog() },
    }).app;
    scheduler = createManualScheduler(Date.parse('2026-11-23T10:00:00Z'));
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      calls: { scheduler },
    });
    const client = sdkFor(emulator, { authToken: AUTH_TOKEN }).client;
    return { base, store, attemptId: claimed.id, client };
  }

  it('duplicated and reversed batches still end the attempt once, from Event Streams alone', async () => {
    const { base, store, attemptId, client } = await setUp();
    const sink = await client.events.v1.sinks.create({
      description: 'holdline',
      sinkType: 'webhook',
      sinkConfiguration: {
        destination: `${base}/eventstreams`,
        method: 'POST',
        batch_events: true,
      },
    });
    await client.events.v1.subscriptions.create({
      description: 'calls',
      sinkSid: sink.sid,
      types: CALL_STATUS_EVENT_TYPES.map((type) => ({ type, schema_version: 1 })),
    });
    Object.assign(emulator.eventStreams.options, { duplicate: true, reverse: true });
    emulator.calls.script(TO, 'busy');

    // The status callback itself goes nowhere the app answers: only Event Streams reports.
    const query = `campaign=CE1&attempt=${encodeURIComponent(attemptId)}`;
    await client.calls.create({
      to: TO,
      from: '+15005550006',
      twiml: '<Response/>',
      statusCallback: `${base}/nowhere?${query}`,
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    });
    scheduler.advance(60_000);
    await emulator.calls.settled();
    await emulator.eventStreams.settled();

    const deliveries = emulator.eventStreams.deliveries;
    expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
    // The manual scheduler runs the whole call in one tick: one batch, newest first, sent twice.
    const steps = deliveries.map((d) => d.events.map((e) => (e.type as string).split('.').pop()));
    expect(steps).toEqual([
      ['completed', 'ringing', 'initiated'],
      ['completed', 'ringing', 'initiated'],
    ]);
    const dispositions = await store.dispositions('CE1');
    expect(dispositions).toHaveLength(1);
    expect(dispositions[0]).toMatchObject({ attemptId, outcome: 'busy' });
  });

  it('a sink with Basic credentials in its destination is answered with them', async () => {
    const { base, store, attemptId, client } = await setUp({
      EVENT_STREAMS_BASIC_AUTH: 'holdline:a-long-sink-password-123',
    });
    const withCredentials = base.replace('http://', 'http://holdline:a-long-sink-password-123@');
    const sink = await client.events.v1.sinks.create({
      description: 'holdline',
      sinkType: 'webhook',
      sinkConfiguration: { destination: `${withCredentials}/eventstreams`, method: 'POST' },
    });
    await client.events.v1.subscriptions.create({
      description: 'calls',
      sinkSid: sink.sid,
      types: CALL_STATUS_EVENT_TYPES.map((type) => ({ type, schema_version: 1 })),
    });
    emulator.calls.script(TO, 'busy');

    await client.calls.create({
      to: TO,
      from: '+15005550006',
      twiml: '<Response/>',
      statusCallback: `${base}/nowhere?campaign=CE1&attempt=${encodeURIComponent(attemptId)}`,
      statusCallbackEvent: ['completed'],
    });
    scheduler.advance(60_000);
    await emulator.calls.settled();
    await emulator.eventStreams.settled();

    expect(emulator.eventStreams.deliveries.map((d) => d.status)).toEqual([200]);
    expect((await store.dispositions('CE1')).map((d) => d.outcome)).toEqual(['busy']);
  });
});
