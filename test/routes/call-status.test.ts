import request from 'supertest';
import { MemoryControlLog } from '../../src/outbound/control-log.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { contacts, execution, T0 } from '../outbound/campaign-fixtures.js';
import { API_TOKEN, buildTestApp } from '../support/test-app.js';

type ErrorBody = { error: { code: string; message: string } };
const CALL_SID = `CA${'2'.repeat(32)}`;

async function setUp(options: { apiToken?: string | null } = {}) {
  const store = await EmbeddedCampaignStore.open(undefined);
  await store.create(execution('CE1'), contacts(1));
  await store.setStatus('CE1', ['ready'], 'running', undefined);
  const [claimed] = await store.claim('CE1', 1, T0);
  if (claimed === undefined) throw new Error('nothing claimed');
  await store.advance('CE1', claimed.id, ['claimed'], { state: 'dialing', dialedAt: T0 });
  const test = buildTestApp({
    ...options,
    outbound: { campaigns: store, control: new MemoryControlLog() },
  });
  const post = (body: Record<string, string>, token = API_TOKEN) =>
    request(test.app).post('/callstatus').set('Authorization', `Bearer ${token}`).send(body);
  return { ...test, store, attempt: claimed, post };
}

describe('POST /callstatus', () => {
  it('a flow reports a failed call by execution and contact: the attempt ends once, with the reason', async () => {
    const { store, attempt, post } = await setUp();
    const body = {
      execution: 'CE1',
      contact: attempt.contactId,
      CallSid: CALL_SID,
      CallStatus: 'failed',
      reason: 'carrier rejected',
    };

    const first = await post(body);
    const again = await post(body);

    expect(first.status).toBe(202);
    expect(first.body).toEqual({ campaign: 'CE1', attempt: attempt.id });
    // Found again by its call SID, and already ended: nothing more happens.
    expect(again.status).toBe(202);
    const dispositions = await store.dispositions('CE1');
    expect(dispositions).toHaveLength(1);
    expect(dispositions[0]).toMatchObject({
      attemptId: attempt.id,
      outcome: 'failed',
      callSid: CALL_SID,
      reason: 'carrier rejected',
    });
  });

  it('takes a form with campaign, attempt and status', async () => {
    const { app, store, attempt } = await setUp();

    const response = await request(app)
      .post('/callstatus')
      .set('Authorization', `Bearer ${API_TOKEN}`)
      .type('form')
      .send({ campaign: 'CE1', attempt: attempt.id, CallSid: CALL_SID, status: 'busy' });

    expect(response.status).toBe(202);
    expect((await store.dispositions('CE1')).map((d) => d.outcome)).toEqual(['busy']);
  });

  it('without the bearer token: 401, nothing recorded', async () => {
    const { store, attempt, post } = await setUp();

    const response = await post(
      { campaign: 'CE1', attempt: attempt.id, CallSid: CALL_SID, CallStatus: 'failed' },
      'not-the-token-0123456789',
    );

    expect(response.status).toBe(401);
    expect(await store.dispositions('CE1')).toEqual([]);
  });

  it('without a call SID or a status: 400', async () => {
    const { post, attempt } = await setUp();

    const response = await post({ campaign: 'CE1', attempt: attempt.id, CallStatus: 'failed' });

    expect(response.status).toBe(400);
    expect((response.body as ErrorBody).error.message).toContain('CallSid is required');
  });

  it('an unknown contact: 404', async () => {
    const { post } = await setUp();

    const response = await post({
      campaign: 'CE1',
      contact: 'nobody',
      CallSid: CALL_SID,
      CallStatus: 'failed',
    });

    expect(response.status).toBe(404);
    expect((response.body as ErrorBody).error.code).toBe('ATTEMPT_NOT_FOUND');
  });

  it('an attempt that was never dialed: 404', async () => {
    const { post } = await setUp();

    const response = await post({
      campaign: 'CE1',
      attempt: 'c9#1',
      CallSid: CALL_SID,
      CallStatus: 'failed',
    });

    expect(response.status).toBe(404);
    expect((response.body as ErrorBody).error.code).toBe('ATTEMPT_NOT_FOUND');
  });
});
