import request from 'supertest';
import { signTwilioRequest } from '../../src/twilio-webhook/sign.js';
import { AUTH_TOKEN, BASE_URL, REFUSED, buildTestApp } from '../support/test-app.js';

const body = {
  CallSid: 'CA0123456789abcdef0123456789abcdef',
  QueueResult: 'bridged',
  QueueTime: '30',
};
const ROUTES = ['/voice/incoming', '/voice/wait', '/voice/queue-result', '/rep-call-complete'];

describe('webhook signature validation', () => {
  it.each(ROUTES)('POST %s without X-Twilio-Signature answers 400 with TwiML', async (path) => {
    const { app, logs } = buildTestApp();
    const res = await request(app).post(path).type('form').send(body);
    expect(res.status).toBe(400);
    expect(res.text).toBe(REFUSED);
    expect(logs).toContainEqual(expect.objectContaining({ code: 'SIGNATURE_MISSING' }));
  });

  it.each(ROUTES)('POST %s with a wrong signature answers 403', async (path) => {
    const { app } = buildTestApp();
    const res = await request(app)
      .post(path)
      .type('form')
      .set('X-Twilio-Signature', signTwilioRequest('some-other-token', BASE_URL + path, body))
      .send(body);
    expect(res.status).toBe(403);
    expect(res.text).toBe(REFUSED);
  });

  it('a refused request changes nothing', async () => {
    const { app, events } = buildTestApp();
    await request(app)
      .post('/voice/queue-result?queue=customers')
      .type('form')
      .set('X-Twilio-Signature', 'bm90IGEgc2lnbmF0dXJl')
      .send(body);
    expect(await events.since('customers', 0)).toEqual([]);
  });

  it('refuses a body altered after signing', async () => {
    const { app } = buildTestApp();
    const res = await request(app)
      .post('/voice/incoming')
      .type('form')
      .set(
        'X-Twilio-Signature',
        signTwilioRequest(AUTH_TOKEN, `${BASE_URL}/voice/incoming`, { From: '+15550100001' }),
      )
      .send({ From: '+15550100002' });
    expect(res.status).toBe(403);
  });

  it('refuses a query string altered after signing', async () => {
    const { app } = buildTestApp();
    const res = await request(app)
      .post('/voice/incoming?queue=premium-customers')
      .type('form')
      .set(
        'X-Twilio-Signature',
        signTwilioRequest(AUTH_TOKEN, `${BASE_URL}/voice/incoming?queue=customers`, {}),
      )
      .send({});
    expect(res.status).toBe(403);
  });

  it('validates against PUBLIC_BASE_URL, not the Host the request arrived on (works behind a proxy)', async () => {
    const { app } = buildTestApp();
    const hostUrlSignature = signTwilioRequest(AUTH_TOKEN, 'http://127.0.0.1/voice/incoming', {});
    const viaHost = await request(app)
      .post('/voice/incoming')
      .type('form')
      .set('X-Twilio-Signature', hostUrlSignature)
      .send({});
    expect(viaHost.status).toBe(403);
  });

  it('refuses a GET rep request whose query parameters were changed', async () => {
    const { app } = buildTestApp();
    const signature = signTwilioRequest(
      AUTH_TOKEN,
      `${BASE_URL}/rep-call-complete?DequeueResult=bridged`,
    );
    const res = await request(app)
      .get('/rep-call-complete?DequeueResult=queue-empty')
      .set('X-Twilio-Signature', signature);
    expect(res.status).toBe(403);
  });

  it('refuses a body over 16 kB with 413 before parsing it', async () => {
    const { post, logs } = buildTestApp();
    const res = await post('/voice/wait', { Padding: 'x'.repeat(17 * 1024) });
    expect(res.status).toBe(413);
    expect(res.text).toBe(REFUSED);
    expect(logs).toContainEqual(expect.objectContaining({ code: 'BODY_TOO_LARGE' }));
  });

  it('never writes the signature or the token into the logs', async () => {
    const { post, logs } = buildTestApp();
    await post('/voice/incoming', { From: '+15550100001' });
    const signature = signTwilioRequest(AUTH_TOKEN, `${BASE_URL}/voice/incoming`, {
      From: '+15550100001',
    });
    const written = JSON.stringify(logs);
    expect(written).not.toContain(signature);
    expect(written).not.toContain(AUTH_TOKEN);
    expect(logs).toContainEqual(
      expect.objectContaining({
        msg: 'request finished',
        method: 'POST',
        path: '/voice/incoming',
        status: 200,
      }),
    );
  });
});
