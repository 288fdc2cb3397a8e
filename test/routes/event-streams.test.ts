import { createHash } from 'node:crypto';
import request from 'supertest';
import { MemoryControlLog } from '../../src/outbound/control-log.js';
import type { CampaignStore } from '../../src/outbound/campaign-store.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { RedisCampaignStore } from '../../src/outbound/redis-campaign-store.js';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { startTcpProxy } from '../fixtures/tcp-proxy.js';
import { eventually } from '../support/eventually.js';
import { describeWithRedis, TEST_REDIS_URL, useRedis } from '../support/redis.js';
import { signTwilioRequest } from '../../src/twilio-webhook/sign.js';
import { contacts, execution, T0 } from '../outbound/campaign-fixtures.js';
import { AUTH_TOKEN, BASE_URL, buildTestApp } from '../support/test-app.js';

type ErrorBody = { error: { code: string; message: string } };
const CALL_SID = `CA${'1'.repeat(32)}`;
const STATUS_URL = `${BASE_URL}/outbound/status?campaign=CE1&attempt=`;

/** A campaign with one attempt dialed (its create answered with CALL_SID). */
async function dialedAttempt(
  opened: Promise<CampaignStore> = EmbeddedCampaignStore.open(undefined),
) {
  const store = await opened;
  await store.create(execution('CE1'), contacts(1));
  await store.setStatus('CE1', ['ready'], 'running', undefined);
  const [claimed] = await store.claim('CE1', 1, T0);
  if (claimed === undefined) throw new Error('nothing claimed');
  await store.advance('CE1', claimed.id, ['claimed'], { state: 'dialing', dialedAt: T0 });
  await store.advance('CE1', claimed.id, ['dialing'], { state: 'live', callSid: CALL_SID });
  return { store, attemptId: claimed.id };
}

/** A call progress event as Event Streams sends it: the status callback request in `data`. */
function callEvent(
  id: string,
  step: string,
  params: Record<string, string>,
  options: { at: string; url?: string | null; type?: string },
) {
  return {
    specversion: '1.0',
    type: options.type ?? `com.twilio.voice.status-callback.call.${step}`,
    source: `/2010-04-01/Accounts/AC1/Calls/${CALL_SID}.json`,
    id,
    dataschema: 'https://events-schemas.twilio.com/Voice.WebhookEvent/2',
    datacontenttype: 'application/json',
    time: options.at,
    data: {
      sid: CALL_SID,
      timestamp: options.at,
      request: {
        method: 'POST',
        ...(options.url === null ? {} : { url: options.url }),
        parameters: { CallSid: CALL_SID, ...params },
      },
    },
  };
}

async function setUp(env: Record<string, string> = {}, opened?: Promise<CampaignStore>) {
  const { store, attemptId } = await dialedAttempt(opened);
  const test = buildTestApp({
    env,
    outbound: { campaigns: store, control: new MemoryControlLog() },
  });
  const url = `${STATUS_URL}${encodeURIComponent(attemptId)}`;
  /** POST a delivery signed as twilio-node's validateRequestWithBody checks a JSON body. */
  const deliver = (body: unknown, sign: { token?: string; tamper?: boolean } = {}) => {
    const text = JSON.stringify(body);
    const hash = createHash('sha256').update(text).digest('hex');
    const path = `/eventstreams?bodySHA256=${hash}`;
    const signature = signTwilioRequest(sign.token ?? AUTH_TOKEN, BASE_URL + path);
    return request(test.app)
      .post(path)
      .set('Content-Type', 'application/json')
      .set('X-Twilio-Signature', signature)
      .send(sign.tamper === true ? text.replace('no-answer', 'completed') : text);
  };
  return { ...test, store, attemptId, url, deliver };
}

describe('POST /eventstreams', () => {
  it('a single event ends the attempt with one disposition', async () => {
    const { store, attemptId, url, deliver } = await setUp();

    const response = await deliver(
      callEvent(
        'EV1',
        'completed',
        { CallStatus: 'no-answer' },
        { at: '2026-11-23T10:00:30Z', url },
      ),
    );

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ taken: 1, duplicates: 0, unknown: 0 });
    const dispositions = await store.dispositions('CE1');
    expect(dispositions).toHaveLength(1);
    expect(dispositions[0]).toMatchObject({ attemptId, outcome: 'no-answer', callSid: CALL_SID });
  });

  it('a batch is applied in time order, old event names included', async () => {
    const { store, attemptId, url, deliver } = await setUp();
    const batch = [
      callEvent('EV3', 'completed', { CallStatus: 'busy' }, { at: '2026-11-23T10:00:20Z', url }),
      callEvent(
        'EV1',
        'initiated',
        { CallStatus: 'initiated' },
        {
          at: '2026-11-23T10:00:00Z',
          url,
          type: 'com.twilio.voice.webhook.status-callback.call.initiated',
        },
      ),
      callEvent('EV2', 'ringing', { CallStatus: 'ringing' }, { at: '2026-11-23T10:00:05Z', url }),
    ];

    const response = await deliver(batch);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ taken: 3, duplicates: 0, unknown: 0 });
    expect((await store.attempt('CE1', attemptId))?.state).toBe('ended');
    expect((await store.dispositions('CE1')).map((d) => d.outcome)).toEqual(['busy']);
  });

  it('drops a delivery seen before, by event id', async () => {
    const { store, url, deliver, metrics } = await setUp();
    const event = callEvent(
      'EV9',
      'completed',
      { CallStatus: 'no-answer' },
      { at: '2026-11-23T10:00:30Z', url },
    );

    await deliver([event]);
    const again = await deliver([event]);

    expect(again.status).toBe(200);
    expect(again.body).toEqual({ taken: 0, duplicates: 1, unknown: 0 });
    expect(await store.dispositions('CE1')).toHaveLength(1);
    const exposition = await metrics.registry.getSingleMetricAsString(
      'holdline_duplicate_deliveries_dropped_total',
    );
    expect(exposition).toContain('source="event-streams"} 1');
  });

  it('completed before ringing (separate deliveries) ends the attempt once, as completed said', async () => {
    const { store, attemptId, url, deliver } = await setUp();

    await deliver([
      callEvent(
        'EV2',
        'completed',
        { CallStatus: 'no-answer' },
        { at: '2026-11-23T10:00:30Z', url },
      ),
    ]);
    const late = await deliver([
      callEvent('EV1', 'ringing', { CallStatus: 'ringing' }, { at: '2026-11-23T10:00:05Z', url }),
    ]);

    expect(late.status).toBe(200);
    const attempt = await store.attempt('CE1', attemptId);
    expect(attempt).toMatchObject({
      state: 'ended',
      outcome: 'no-answer',
      callStatus: 'no-answer',
    });
    expect(await store.dispositions('CE1')).toHaveLength(1);
  });

  it('the status callback and Event Streams both reporting the end make one disposition', async () => {
    const { store, attemptId, url, deliver, post } = await setUp();
    const path = `/outbound/status?campaign=CE1&attempt=${encodeURIComponent(attemptId)}`;

    const webhook = await post(path, { CallSid: CALL_SID, CallStatus: 'no-answer' });
    const streamed = await deliver([
      callEvent(
        'EV5',
        'completed',
        { CallStatus: 'no-answer' },
        { at: '2026-11-23T10:00:30Z', url },
      ),
    ]);

    expect(webhook.status).toBe(200);
    expect(streamed.status).toBe(200);
    expect(await store.dispositions('CE1')).toHaveLength(1);
  });

  it('an event without its request URL is matched to the attempt by call SID', async () => {
    const { store, attemptId, deliver } = await setUp();

    await deliver([
      callEvent(
        'EV7',
        'completed',
        { CallStatus: 'failed' },
        { at: '2026-11-23T10:00:30Z', url: null },
      ),
    ]);

    expect((await store.dispositions('CE1'))[0]).toMatchObject({ attemptId, outcome: 'failed' });
  });

  it('refuses a wrong signature (403) and a tampered body (403), recording nothing', async () => {
    const { store, url, deliver } = await setUp();
    const event = callEvent(
      'EV1',
      'completed',
      { CallStatus: 'no-answer' },
      { at: '2026-11-23T10:00:30Z', url },
    );

    expect((await deliver([event], { token: 'another-token-0123456789' })).status).toBe(403);
    expect((await deliver([event], { tamper: true })).status).toBe(403);
    expect(await store.dispositions('CE1')).toEqual([]);
    // Refused deliveries were not remembered: the genuine one is still taken.
    expect((await deliver([event])).body).toEqual({ taken: 1, duplicates: 0, unknown: 0 });
  });

  it('refuses an unsigned delivery (401)', async () => {
    const { app, store } = await setUp();

    const response = await request(app)
      .post('/eventstreams')
      .set('Content-Type', 'application/json')
      .send('[]');

    expect(response.status).toBe(401);
    expect((response.body as ErrorBody).error.code).toBe('CREDENTIALS_INVALID');
    expect(await store.dispositions('CE1')).toEqual([]);
  });

  describe('with EVENT_STREAMS_BASIC_AUTH', () => {
    const env = { EVENT_STREAMS_BASIC_AUTH: 'holdline:a-long-sink-password-123' };
    const body = (url: string) =>
      JSON.stringify([
        callEvent('EV1', 'completed', { CallStatus: 'busy' }, { at: '2026-11-23T10:00:30Z', url }),
      ]);

    it('takes a delivery with the credentials', async () => {
      const { app, store, url } = await setUp(env);

      const response = await request(app)
        .post('/eventstreams')
        .auth('holdline', 'a-long-sink-password-123')
        .set('Content-Type', 'application/json')
        .send(body(url));

      expect(response.status).toBe(200);
      expect(await store.dispositions('CE1')).toHaveLength(1);
    });

    it('refuses wrong credentials (401) and never logs them', async () => {
      const { app, store, url, logs } = await setUp(env);

      const response = await request(app)
        .post('/eventstreams')
        .auth('holdline', 'a-wrong-password-0000000')
        .set('Content-Type', 'application/json')
        .send(body(url));

      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Basic /);
      expect(await store.dispositions('CE1')).toEqual([]);
      expect(JSON.stringify(logs)).not.toContain('a-wrong-password');
      expect(JSON.stringify(logs)).not.toContain('a-long-sink-password');
    });
  });

  it('a body that is no CloudEvent is a 400 (Event Streams discards it)', async () => {
    const { deliver } = await setUp();

    const response = await deliver([{ id: 'x' }]);

    expect(response.status).toBe(400);
  });
});

describeWithRedis('POST /eventstreams while Redis is cut off', () => {
  const redisForTests = useRedis();

  it('answers 503, so Event Streams redelivers, and takes the redelivery once Redis is back', async () => {
    const proxy = await startTcpProxy(TEST_REDIS_URL);
    try {
      const redis = redisForTests.connect(failFastRedisOptions({ maxBackoffMs: 50 }), proxy.url);
      const keyPrefix = redisForTests.freshPrefix();
      const { store, url, deliver } = await setUp(
        {},
        Promise.resolve(new RedisCampaignStore({ redis, keyPrefix })),
      );
      const event = callEvent(
        'EV1',
        'completed',
        { CallStatus: 'busy' },
        { at: '2026-11-23T10:00:30Z', url },
      );

      proxy.cut();
      expect((await deliver([event])).status).toBe(503);
      proxy.restore();
      // Event Streams redelivers until it gets a 2xx: so does the test, while Redis reconnects.
      await eventually(async () => expect((await deliver([event])).status).toBe(200));

      expect(await store.dispositions('CE1')).toHaveLength(1);
    } finally {
      await proxy.close();
    }
  });
});
