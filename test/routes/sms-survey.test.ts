import request from 'supertest';
import { defaultQueueMetadata, type SurveySettings } from '../../src/metadata/queue-metadata.js';
import { createMemoryMetadataStore } from '../../src/metadata/memory-metadata-store.js';
import { EmbeddedSurveyStore } from '../../src/survey/embedded-survey-store.js';
import { RedisSurveyStore } from '../../src/survey/redis-survey-store.js';
import type { SurveyStore } from '../../src/survey/survey-store.js';
import { failFastRedisOptions } from '../../src/redis/client-options.js';
import { describeWithRedis, useRedis } from '../support/redis.js';
import { signTwilioRequest } from '../../src/twilio-webhook/sign.js';
import { API_TOKEN, BASE_URL, NOW, buildTestApp, twiml } from '../support/test-app.js';

const CALL = 'CA0123456789abcdef0123456789abcdef';
const REP = 'CAfeedfacefeedfacefeedfacefeedface';
const CALLER = '+14155550101';
const OUR_NUMBER = '+14155550000';
const SENDER = { SURVEY_FROM_NUMBER: OUR_NUMBER };
const EMPTY = twiml('').replace('<Response></Response>', '<Response/>');
const message = (text: string) => twiml(`<Message>${text}</Message>`);

const survey = (settings: Partial<SurveySettings> = {}): SurveySettings => ({
  enabled: true,
  wording: 'How did we do? Reply 1-5.',
  delaySeconds: 120,
  ...settings,
});

async function setUp(
  options: {
    settings?: SurveySettings;
    env?: Record<string, string>;
    timeZone?: string;
    store?: SurveyStore;
  } = {},
) {
  const store = options.store ?? EmbeddedSurveyStore.inMemory();
  const metadataStore = createMemoryMetadataStore(
    new Map([
      [
        'customers',
        {
          ...defaultQueueMetadata('customers'),
          timeZone: options.timeZone ?? 'UTC',
          survey: options.settings ?? survey(),
        },
      ],
      ['premium-customers', defaultQueueMetadata('premium-customers')],
    ]),
  );
  const app = buildTestApp({ surveyStore: store, metadataStore, env: options.env ?? SENDER });
  await app.metadata.refresh();
  return { ...app, store };
}

const queueResult = (QueueResult: string, extra: Record<string, string> = {}) => ({
  CallSid: CALL,
  From: CALLER,
  To: OUR_NUMBER,
  QueueResult,
  QueueSid: 'QU00000000000000000000000000000002',
  QueueTime: '95',
  ...extra,
});
const inbound = (Body: string, extra: Record<string, string> = {}) => ({
  MessageSid: 'SM00000000000000000000000000000009',
  AccountSid: 'AC00000000000000000000000000000000',
  From: CALLER,
  To: OUR_NUMBER,
  Body,
  NumMedia: '0',
  ...extra,
});

/** Sends the scheduled survey as the sender would: claimed, then settled sent. */
async function sendDue(store: SurveyStore, at: number) {
  for (const due of await store.claimDue(at, 10))
    await store.settle(due.callSid, { status: 'sent', messageSid: 'SM1', at });
}

describe('the SMS survey on the call path', () => {
  it('a bridged call that ended schedules exactly one survey, with the rep who took it', async () => {
    const { post, store } = await setUp();
    await post('/voice/dequeued?queue=customers', {
      CallSid: CALL,
      QueueSid: 'QU00000000000000000000000000000002',
      QueueTime: '95',
      DequeingCallSid: REP,
    });
    const first = await post('/voice/queue-result?queue=customers', queueResult('bridged'));
    await post('/voice/queue-result?queue=customers', queueResult('bridged'));

    expect(first.status).toBe(200);
    expect(await store.get(CALL)).toEqual({
      callSid: CALL,
      queue: 'customers',
      phone: CALLER,
      repCallSid: REP,
      createdAt: NOW,
      dueAt: NOW + 120_000,
      status: 'due',
    });
    expect((await store.claimDue(NOW + 120_000, 10)).map((s) => s.callSid)).toEqual([CALL]);
    expect(await store.claimDue(NOW + 999_000, 10)).toEqual([]);
  });

  it.each(['hangup', 'leave', 'queue-full', 'redirected'])('%s: no survey', async (result) => {
    const { post, store } = await setUp();
    await post('/voice/queue-result?queue=customers', queueResult(result));
    expect(await store.get(CALL)).toBeUndefined();
  });

  it('no survey when the queue has it off, or no sender is configured, or the caller is anonymous', async () => {
    const off = await setUp({ settings: survey({ enabled: false }) });
    await off.post('/voice/queue-result?queue=customers', queueResult('bridged'));
    expect(await off.store.get(CALL)).toBeUndefined();

    const noSender = await setUp({ env: {} });
    await noSender.post('/voice/queue-result?queue=customers', queueResult('bridged'));
    expect(await noSender.store.get(CALL)).toBeUndefined();

    const anonymous = await setUp();
    await anonymous.post(
      '/voice/queue-result?queue=customers',
      queueResult('bridged', { From: 'anonymous' }),
    );
    expect(await anonymous.store.get(CALL)).toBeUndefined();
  });

  it('inside the quiet hours, the survey waits for their end in the queue’s time zone', async () => {
    // NOW is 10:00 UTC, 05:00 in New York: quiet until 09:00 there (14:00 UTC).
    const { post, store } = await setUp({
      timeZone: 'America/New_York',
      settings: survey({ quietHours: { start: '21:00', end: '09:00' } }),
    });
    await post('/voice/queue-result?queue=customers', queueResult('bridged'));
    expect((await store.get(CALL))?.dueAt).toBe(Date.parse('2026-11-23T14:00:00Z'));
  });
});

describe('POST /sms/incoming', () => {
  async function answered() {
    const app = await setUp();
    await app.post('/voice/dequeued?queue=customers', {
      CallSid: CALL,
      QueueSid: 'QU00000000000000000000000000000002',
      QueueTime: '95',
      DequeingCallSid: REP,
    });
    await app.post('/voice/queue-result?queue=customers', queueResult('bridged'));
    await sendDue(app.store, NOW + 120_000);
    return app;
  }

  it('a score is linked to the call, its queue, the rep and the time', async () => {
    const { post, store } = await answered();
    const res = await post('/sms/incoming', inbound(' 4 '));
    expect(res.status).toBe(200);
    expect(res.text).toBe(EMPTY);
    expect(await store.get(CALL)).toMatchObject({
      queue: 'customers',
      repCallSid: REP,
      score: 4,
      respondedAt: NOW,
    });
  });

  it('free words are kept as the comment', async () => {
    const { post, store } = await answered();
    await post('/sms/incoming', inbound('The hold music was too loud'));
    const kept = await store.get(CALL);
    expect(kept?.comment).toBe('The hold music was too loud');
    expect(kept?.score).toBeUndefined();
  });

  it('a reply from a number with no survey is not kept', async () => {
    const { post, store, metrics } = await setUp();
    await post('/sms/incoming', inbound('5'));
    expect(await store.latestSent(CALLER, NOW)).toBeUndefined();
    expect(
      await metrics.registry.getSingleMetricAsString('holdline_survey_replies_total'),
    ).toContain('holdline_survey_replies_total{kind="unlinked"} 1');
  });

  it('STOP opts the number out and START back in; Twilio answers them by default', async () => {
    const { post, store } = await setUp();
    const stop = await post('/sms/incoming', inbound('stop'));
    expect(stop.text).toBe(EMPTY);
    expect(await store.isOptedOut(CALLER)).toBe(true);

    const start = await post('/sms/incoming', inbound('START'));
    expect(start.text).toBe(EMPTY);
    expect(await store.isOptedOut(CALLER)).toBe(false);
  });

  it('with SURVEY_KEYWORD_REPLIES=holdline, STOP, START and HELP are answered by us', async () => {
    const { post } = await setUp({ env: { ...SENDER, SURVEY_KEYWORD_REPLIES: 'holdline' } });
    expect((await post('/sms/incoming', inbound('HELP'))).text).toBe(
      message(
        'Call satisfaction survey: reply with a score from 1 to 5, or in your own words. Reply STOP to opt out. Msg&amp;data rates may apply.',
      ),
    );
    expect((await post('/sms/incoming', inbound('Unsubscribe'))).text).toBe(
      message('You will get no more survey texts from us. Reply START to receive them again.'),
    );
    expect((await post('/sms/incoming', inbound('unstop'))).text).toBe(
      message('You will receive our survey texts again. Reply STOP to opt out.'),
    );
  });

  it('never answers a keyword Twilio’s Advanced Opt-Out has just answered (OptOutType)', async () => {
    const { post, store } = await setUp({ env: { ...SENDER, SURVEY_KEYWORD_REPLIES: 'holdline' } });
    const res = await post('/sms/incoming', inbound('STOP', { OptOutType: 'STOP' }));
    expect(res.text).toBe(EMPTY);
    expect(await store.isOptedOut(CALLER)).toBe(true);
  });

  it('an unsigned reply is refused and changes nothing', async () => {
    const { app, store } = await setUp();
    const res = await request(app)
      .post('/sms/incoming')
      .type('form')
      .set(
        'X-Twilio-Signature',
        signTwilioRequest('wrong-token', `${BASE_URL}/sms/incoming`, inbound('STOP')),
      )
      .send(inbound('STOP'));
    expect(res.status).toBe(403);
    expect(await store.isOptedOut(CALLER)).toBe(false);
  });

  it('a status callback records the message’s delivery', async () => {
    const { post, store } = await answered();
    await post(`/sms/status?call=${CALL}`, { MessageSid: 'SM1', MessageStatus: 'delivered' });
    expect((await store.get(CALL))?.delivery).toBe('delivered');
  });
});

describe('GET /api/queues satisfaction', () => {
  it('shows each queue’s responses, average and distribution over the last day and week', async () => {
    const { post, store, api, survey: wired, setNow } = await setUp();
    await post('/voice/queue-result?queue=customers', queueResult('bridged'));
    await sendDue(store, NOW + 120_000);
    await post('/sms/incoming', inbound('5'));
    await store.schedule({
      callSid: 'CA2',
      queue: 'customers',
      phone: '+14155550102',
      createdAt: NOW,
      dueAt: NOW,
    });
    await store.settle('CA2', { status: 'sent', messageSid: 'SM2', at: NOW });
    await store.respond('CA2', { score: 2, at: NOW - 2 * 86_400_000 });
    setNow(NOW + 1000);
    await wired!.satisfaction.refresh();

    const res = await api('/api/queues');
    const customers = (
      res.body as { queues: { name: string; satisfaction: unknown }[] }
    ).queues.find((q) => q.name === 'customers');
    expect(customers?.satisfaction).toEqual({
      lastDay: { responses: 1, average: 5, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 } },
      lastWeek: { responses: 2, average: 3.5, distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 1 } },
    });
  });
});

describe('GET /api/queues after a reply', () => {
  it('shows a new score without waiting for the periodic refresh', async () => {
    const { post, store, api } = await setUp();
    await post('/voice/queue-result?queue=customers', queueResult('bridged'));
    await sendDue(store, NOW + 120_000);
    await post('/sms/incoming', inbound('2'));

    const res = await api('/api/queues');
    const customers = (
      res.body as { queues: { name: string; satisfaction: { lastDay: unknown } }[] }
    ).queues.find((q) => q.name === 'customers');
    expect(customers?.satisfaction.lastDay).toEqual({
      responses: 1,
      average: 2,
      distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 0 },
    });
  });
});

describe('GET /metrics satisfaction', () => {
  it('exposes each queue’s scores by window and its average', async () => {
    const { post, store, app, survey: wired } = await setUp();
    await post('/voice/queue-result?queue=customers', queueResult('bridged'));
    await sendDue(store, NOW + 120_000);
    await post('/sms/incoming', inbound('4'));
    await wired!.satisfaction.refresh();

    const res = await request(app).get('/metrics').set('Authorization', `Bearer ${API_TOKEN}`);

    expect(res.status).toBe(200);
    const lines = res.text.split('\n');
    expect(lines).toContain(
      'holdline_survey_responses{queue="customers",window="day",score="4"} 1',
    );
    expect(lines).toContain(
      'holdline_survey_responses{queue="customers",window="week",score="5"} 0',
    );
    expect(lines).toContain('holdline_survey_score_average{queue="customers",window="week"} 4');
    expect(lines).toContain('holdline_survey_replies_total{kind="score"} 1');
    expect(res.text).not.toContain('holdline_survey_score_average{queue="premium-customers"');
  });
});

describeWithRedis('the SMS survey in Redis mode', () => {
  const redisForTests = useRedis();

  it('one survey per call, its score linked, STOP kept, and the figures from the shared store', async () => {
    const prefix = redisForTests.freshPrefix();
    const open = () => new RedisSurveyStore(redisForTests.connect(failFastRedisOptions()), prefix);
    const { post, api, survey: wired, setNow } = await setUp({ store: open() });
    await post('/voice/dequeued?queue=customers', {
      CallSid: CALL,
      QueueSid: 'QU00000000000000000000000000000002',
      QueueTime: '95',
      DequeingCallSid: REP,
    });
    await post('/voice/queue-result?queue=customers', queueResult('bridged'));
    await post('/voice/queue-result?queue=customers', queueResult('bridged'));
    // Another process (a worker) claims and sends it.
    const worker = open();
    expect((await worker.claimDue(NOW + 120_000, 10)).map((s) => s.callSid)).toEqual([CALL]);
    await worker.settle(CALL, { status: 'sent', messageSid: 'SM1', at: NOW + 120_000 });
    expect(await worker.claimDue(NOW + 999_000, 10)).toEqual([]);

    await post('/sms/incoming', inbound('3 - long wait'));
    await post('/sms/incoming', inbound('STOP'));
    setNow(NOW + 1000);
    await wired!.satisfaction.refresh();

    expect(await worker.get(CALL)).toMatchObject({
      repCallSid: REP,
      score: 3,
      comment: 'long wait',
      respondedAt: NOW,
    });
    expect(await worker.isOptedOut(CALLER)).toBe(true);
    const res = await api('/api/queues');
    const customers = (
      res.body as { queues: { name: string; satisfaction: { lastDay: unknown } }[] }
    ).queues.find((q) => q.name === 'customers');
    expect(customers?.satisfaction.lastDay).toEqual({
      responses: 1,
      average: 3,
      distribution: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 0 },
    });
  });
});
