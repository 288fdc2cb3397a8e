import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import { basicAuth, EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN } from '../support/emulator-sdk.js';
import { startCallbackReceiver } from '../support/callback-receiver.js';
import { advanceSettling, createManualScheduler } from '../support/manual-scheduler.js';
import {
  describeWithOpenApi,
  keysOf,
  loadSpec,
  resolveSchema,
  shapeProblems,
  type Spec,
} from '../support/openapi-shapes.js';

type Json = Record<string, unknown>;
const LIST = '/2010-04-01/Accounts/{AccountSid}/Messages.json';
const ONE = '/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json';

function answerOf(spec: Spec, path: string, method: 'get' | 'post', status: string) {
  const responses = spec.paths[path]?.[method]?.responses as Record<string, Json>;
  const content = (responses[status]?.content as Json)['application/json'] as Json;
  const example = Object.values((content.examples ?? {}) as Record<string, { value: Json }>)[0]
    ?.value;
  return { schema: resolveSchema(spec, content.schema as Json), example };
}

describeWithOpenApi('Messages answers match Twilio’s OpenAPI description', () => {
  let emulator: Emulator;
  let scheduler: ReturnType<typeof createManualScheduler>;
  const spec = () => loadSpec('twilio_api_v2010.json');
  const messages = `/2010-04-01/Accounts/${EMULATOR_ACCOUNT_SID}/Messages`;
  const request = async (path: string, form?: Record<string, string>) => {
    const response = await fetch(`${emulator.baseUrl}${path}`, {
      method: form === undefined ? 'GET' : 'POST',
      headers: { authorization: basicAuth(), 'content-type': 'application/x-www-form-urlencoded' },
      body: form === undefined ? undefined : new URLSearchParams(form).toString(),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  beforeEach(async () => {
    scheduler = createManualScheduler(Date.parse('2026-11-23T10:00:00Z'));
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
      calls: { scheduler },
    });
  });
  afterEach(() => emulator.close());

  it('create: 201 with the Message resource, queued; fetch once delivered', async () => {
    const { schema, example } = answerOf(spec(), LIST, 'post', '201');
    const { status, body } = await request(`${messages}.json`, {
      To: '+14155550101',
      From: '+14155550100',
      Body: 'How did we do?',
    });
    expect(status).toBe(201);
    expect(shapeProblems(spec(), schema, body)).toEqual([]);
    expect(example?.subresource_uris).toBeDefined();
    expect(keysOf(body.subresource_uris)).toEqual(keysOf(example?.subresource_uris));
    expect(body).toMatchObject({ status: 'queued', direction: 'outbound-api', date_sent: null });

    scheduler.advance(1000);
    const fetched = await request(`${messages}/${String(body.sid)}.json`);
    expect(fetched.status).toBe(200);
    expect(shapeProblems(spec(), answerOf(spec(), ONE, 'get', '200').schema, fetched.body)).toEqual(
      [],
    );
    expect(fetched.body).toMatchObject({ status: 'delivered' });
  });

  it('a Messaging Service’s message is accepted first', async () => {
    const { body } = await request(`${messages}.json`, {
      To: '+14155550101',
      MessagingServiceSid: `MG${'a'.repeat(32)}`,
      Body: 'How did we do?',
    });
    expect(body).toMatchObject({
      status: 'accepted',
      messaging_service_sid: `MG${'a'.repeat(32)}`,
    });
  });

  it('reports a Messaging Service’s message from queued on, never the status it was created with', async () => {
    const receiver = await startCallbackReceiver(EMULATOR_AUTH_TOKEN);
    try {
      await request(`${messages}.json`, {
        To: '+14155550103',
        MessagingServiceSid: `MG${'a'.repeat(32)}`,
        Body: 'How did we do?',
        StatusCallback: `${receiver.baseUrl}/status`,
      });
      // Each status is answered before the next is due, so the order seen is the order sent.
      await advanceSettling(scheduler, () => emulator.messages.settled(), 1000);
      expect(receiver.on('/status').map((c) => c.params.MessageStatus)).toEqual([
        'queued',
        'sent',
        'delivered',
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('refuses as Twilio does: no To, no sender, no body, an unsubscribed recipient', async () => {
    const cases: [Record<string, string>, number][] = [
      [{ From: '+14155550100', Body: 'x' }, 21604],
      [{ To: '+14155550101', Body: 'x' }, 21603],
      [{ To: '+14155550101', From: '+14155550100' }, 21602],
    ];
    for (const [form, code] of cases) {
      const { status, body } = await request(`${messages}.json`, form);
      expect([status, body.code]).toEqual([400, code]);
    }
    emulator.messages.blockOnTwilio('+14155550101');
    const blocked = await request(`${messages}.json`, {
      To: '+14155550101',
      From: '+14155550100',
      Body: 'x',
    });
    expect([blocked.status, blocked.body.code]).toEqual([400, 21610]);
  });

  it('posts each status to StatusCallback, signed, and an inbound reply with Twilio’s parameters', async () => {
    const receiver = await startCallbackReceiver(EMULATOR_AUTH_TOKEN);
    try {
      emulator.messages.failDelivery('+14155550102');
      await request(`${messages}.json`, {
        To: '+14155550102',
        From: '+14155550100',
        Body: 'How did we do?',
        StatusCallback: `${receiver.baseUrl}/status`,
      });
      await advanceSettling(scheduler, () => emulator.messages.settled(), 1000);
      await emulator.messages.deliverReply({
        url: `${receiver.baseUrl}/incoming`,
        from: '+14155550102',
        to: '+14155550100',
        body: '4',
      });
      await emulator.messages.settled();

      expect(
        receiver
          .on('/status')
          .map((c) => [c.params.MessageStatus, c.params.ErrorCode, c.signatureValid]),
      ).toEqual([
        ['sent', undefined, true],
        ['undelivered', '30003', true],
      ]);
      const [incoming] = receiver.on('/incoming');
      expect(incoming?.signatureValid).toBe(true);
      expect(incoming?.params).toMatchObject({
        AccountSid: EMULATOR_ACCOUNT_SID,
        From: '+14155550102',
        To: '+14155550100',
        Body: '4',
        NumMedia: '0',
        SmsStatus: 'received',
      });
      expect(incoming?.params.MessageSid).toMatch(/^SM[0-9a-f]{32}$/);
    } finally {
      await receiver.close();
    }
  });
});
