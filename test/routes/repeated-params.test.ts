import request from 'supertest';
import twilio from 'twilio';
import { AUTH_TOKEN, BASE_URL, REFUSED, buildTestApp } from '../support/test-app.js';

const CALL_SID = 'CA0123456789abcdef0123456789abcdef';

type Params = Record<string, string | string[]>;

/** A signed POST whose body repeats keys: the signature is Twilio's scheme over `params`. */
function postRepeated(app: ReturnType<typeof buildTestApp>['app'], path: string, params: Params) {
  const body = Object.entries(params)
    .flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((v) => [name, v]))
    .map(([name, value]) => `${encodeURIComponent(name!)}=${encodeURIComponent(value!)}`)
    .join('&');
  return request(app)
    .post(path)
    .type('form')
    .set(
      'X-Twilio-Signature',
      twilio.getExpectedTwilioSignature(AUTH_TOKEN, BASE_URL + path, params),
    )
    .send(body);
}

describe('a signed webhook that repeats a parameter', () => {
  it('POST /voice/incoming with CallSid twice answers 400 TwiML and counts nobody', async () => {
    const { app, activity, logs } = buildTestApp();
    const res = await postRepeated(app, '/voice/incoming', {
      CallSid: [CALL_SID, CALL_SID],
      From: '+15550109999',
      To: '+15550100000',
    });
    expect(res.status).toBe(400);
    expect(res.text).toBe(REFUSED);
    expect(activity.waiting('customers') ?? 0).toBe(0);
    expect(logs).toContainEqual(
      expect.objectContaining({
        code: 'INVALID_PARAMETER',
        msg: 'Parameter CallSid is repeated; Twilio sends it once',
      }),
    );
  });

  it('the same request sent once is taken (the refusal is about the repeat)', async () => {
    const { app, activity } = buildTestApp();
    const res = await postRepeated(app, '/voice/incoming', {
      CallSid: CALL_SID,
      From: '+15550109999',
    });
    expect(res.status).toBe(200);
    expect(activity.waiting('customers')).toBe(1);
  });

  it('POST /voice/queue-result replayed with CallSid repeated records nothing more', async () => {
    const { app, events } = buildTestApp();
    const path = '/voice/queue-result?queue=customers';
    const result = { QueueResult: 'bridged', QueueTime: '95' };
    expect((await postRepeated(app, path, { ...result, CallSid: CALL_SID })).status).toBe(200);
    for (const repeats of [2, 3]) {
      const res = await postRepeated(app, path, {
        ...result,
        CallSid: Array<string>(repeats).fill(CALL_SID),
      });
      expect(res.status).toBe(400);
      expect(res.text).toBe(REFUSED);
    }
    expect(await events.since('customers', 0)).toHaveLength(1);
  });

  it.each([['/voice/wait?queue=customers'], ['/rep-call-complete']])(
    'POST %s with a repeated parameter (distinct values) answers 400 TwiML',
    async (path) => {
      const { app } = buildTestApp();
      const res = await postRepeated(app, path, {
        CallSid: CALL_SID,
        QueueSid: ['QU01', 'QU02'],
      });
      expect(res.status).toBe(400);
      expect(res.text).toBe(REFUSED);
    },
  );

  it('GET /rep-call-complete with DequeueResult twice in the query answers 400 TwiML', async () => {
    const { get } = buildTestApp();
    const res = await get('/rep-call-complete?DequeueResult=bridged&DequeueResult=bridged');
    expect(res.status).toBe(400);
    expect(res.text).toBe(REFUSED);
  });

  it('POST /taskrouter/events with EventType twice answers 400 JSON and hands nothing on', async () => {
    const { app, taskRouterEvents } = buildTestApp();
    const res = await postRepeated(app, '/taskrouter/events', {
      EventType: ['worker.attributes.update', 'worker.attributes.update'],
      Sid: `EV${'3'.repeat(32)}`,
      WorkerSid: `WK${'1'.repeat(32)}`,
      WorkerAttributes: '{}',
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: 'INVALID_PARAMETER',
        message: 'Parameter EventType is repeated; Twilio sends it once',
      },
    });
    expect(taskRouterEvents).toEqual([]);
  });

  it('an unsigned request with a repeat is still refused as unsigned (403 before 400)', async () => {
    const { app } = buildTestApp();
    const res = await request(app)
      .post('/voice/incoming')
      .type('form')
      .set('X-Twilio-Signature', 'bm90IGEgc2lnbmF0dXJl')
      .send(`CallSid=${CALL_SID}&CallSid=${CALL_SID}`);
    expect(res.status).toBe(403);
  });
});
