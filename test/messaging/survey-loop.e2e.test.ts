import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import { createSurveySender, type SurveySender } from '../../src/messaging/survey-sender.js';
import { createSdkSmsSender } from '../../src/messaging/sms-sender.js';
import { createMemoryMetadataStore } from '../../src/metadata/memory-metadata-store.js';
import { defaultQueueMetadata } from '../../src/metadata/queue-metadata.js';
import { EmbeddedSurveyStore } from '../../src/survey/embedded-survey-store.js';
import { signTwilioRequest } from '../../src/twilio-webhook/sign.js';
import { captureLogger } from '../support/capture-logger.js';
import { EMULATOR_ACCOUNT_SID, sdkFor } from '../support/emulator-sdk.js';
import { createManualScheduler } from '../support/manual-scheduler.js';
import { AUTH_TOKEN, NOW, buildTestApp } from '../support/test-app.js';

const CALLER = '+14155550101';
const OUR_NUMBER = '+14155550000';
const WORDING = 'How did we do today? Reply 1 to 5.';
const HOUR = 3_600_000;

/**
 * The whole loop over HTTP: the app (listening, so the emulator can call it) records a survey
 * when a bridged call ends; the sender texts it through the official SDK to the emulator's
 * Messages API; the emulator reports queued → sent → delivered to /sms/status and delivers the
 * caller's reply to /sms/incoming, each signed as Twilio signs.
 */
describe('the SMS survey, from a served call to its score', () => {
  let emulator: Emulator;
  let server: Server;
  let baseUrl: string;
  let now: number;
  let store: EmbeddedSurveyStore;
  let sender: SurveySender;
  let built: ReturnType<typeof buildTestApp>;
  let scheduler: ReturnType<typeof createManualScheduler>;

  beforeEach(async () => {
    now = NOW;
    scheduler = createManualScheduler(NOW);
    // The app is built once the port is known (its PUBLIC_BASE_URL is what Twilio signs).
    const target: { app?: Express } = {};
    server = createServer((req, res) => {
      target.app?.(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      calls: { scheduler },
    });
    store = EmbeddedSurveyStore.inMemory();
    const metadataStore = createMemoryMetadataStore(
      new Map([
        [
          'customers',
          {
            ...defaultQueueMetadata('customers'),
            survey: { enabled: true, wording: WORDING, delaySeconds: 60 },
          },
        ],
        ['premium-customers', defaultQueueMetadata('premium-customers')],
      ]),
    );
    built = buildTestApp({
      env: { PUBLIC_BASE_URL: baseUrl, SURVEY_FROM_NUMBER: OUR_NUMBER },
      clock: { now: () => now },
      surveyStore: store,
      metadataStore,
    });
    await built.metadata.refresh();
    target.app = built.app;
    const { client } = sdkFor(emulator, { authToken: AUTH_TOKEN });
    sender = createSurveySender({
      store,
      metadata: built.metadata,
      sms: createSdkSmsSender(client, { from: OUR_NUMBER }),
      clock: { now: () => now },
      logger: captureLogger().logger,
      publicBaseUrl: baseUrl,
      minIntervalHours: 24,
      metrics: built.metrics,
    });
  });
  afterEach(async () => {
    await emulator.close();
    await new Promise((resolve) => server.close(resolve));
  });

  /** Twilio's Enqueue action for a bridged caller whose call has ended. */
  async function callEnded(callSid: string, from = CALLER) {
    const url = `${baseUrl}/voice/queue-result?queue=customers`;
    const params = {
      CallSid: callSid,
      From: from,
      To: OUR_NUMBER,
      QueueResult: 'bridged',
      QueueTime: '30',
    };
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': signTwilioRequest(AUTH_TOKEN, url, params),
      },
      body: new URLSearchParams(params).toString(),
    });
    expect(response.status).toBe(200);
  }
  const reply = (body: string) =>
    emulator.messages.deliverReply({
      url: `${baseUrl}/sms/incoming`,
      from: CALLER,
      to: OUR_NUMBER,
      body,
    });

  it('texts the survey once through the Messages API, follows its delivery and links the score', async () => {
    await callEnded('CA1');
    await callEnded('CA1'); // Twilio repeats a webhook it did not hear answered
    expect(await sender.runOnce()).toBe(0); // not due before the delay
    now += 60_000;
    expect(await sender.runOnce()).toBe(1);
    expect(await sender.runOnce()).toBe(0);

    expect(emulator.messages.sent.map((m) => [m.to, m.from, m.body])).toEqual([
      [CALLER, OUR_NUMBER, WORDING],
    ]);
    scheduler.advance(1000);
    await emulator.messages.settled();
    expect(emulator.messages.callbacks.map((c) => [c.status, c.attempt.status])).toEqual([
      ['sent', 200],
      ['delivered', 200],
    ]);
    expect(await store.get('CA1')).toMatchObject({
      status: 'sent',
      messageSid: emulator.messages.sent[0]?.sid,
      delivery: 'delivered',
    });

    expect((await reply('5')).status).toBe(200);
    expect(await store.get('CA1')).toMatchObject({
      score: 5,
      queue: 'customers',
      respondedAt: now,
    });
    expect(
      await built.metrics.registry.getSingleMetricAsString('holdline_survey_messages_total'),
    ).toContain('holdline_survey_messages_total{result="sent"} 1');
  });

  it('after STOP no survey is sent again; START lets the next one through', async () => {
    expect((await reply('STOP')).status).toBe(200);
    await callEnded('CA1');
    now += 60_000;
    await sender.runOnce();
    expect(emulator.messages.sent).toEqual([]);
    expect(await store.get('CA1')).toMatchObject({ status: 'skipped', reason: 'opted-out' });

    await reply('START');
    await callEnded('CA2');
    now += 60_000;
    await sender.runOnce();
    expect(emulator.messages.sent.map((m) => m.to)).toEqual([CALLER]);
  });

  it('surveys a number at most once a day', async () => {
    await callEnded('CA1');
    now += 60_000;
    await sender.runOnce();
    await callEnded('CA2');
    now += 60_000;
    await sender.runOnce();
    expect(await store.get('CA2')).toMatchObject({ status: 'skipped', reason: 'rate-limited' });

    now += 24 * HOUR;
    await callEnded('CA3');
    now += 60_000;
    await sender.runOnce();
    expect(emulator.messages.sent).toHaveLength(2);
  });

  it('a number Twilio refuses as unsubscribed (21610) goes on our opt-out list', async () => {
    emulator.messages.blockOnTwilio(CALLER);
    await callEnded('CA1');
    now += 60_000;
    await sender.runOnce();
    expect(await store.get('CA1')).toMatchObject({ status: 'failed' });
    expect((await store.get('CA1'))?.reason).toMatch(/^21610: /);
    expect(await store.isOptedOut(CALLER)).toBe(true);
  });
});
