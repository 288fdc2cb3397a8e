import request from 'supertest';
import { MemoryControlLog } from '../../src/outbound/control-log.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { EmbeddedOptOutList } from '../../src/outbound/embedded-opt-out-list.js';
import { OPT_OUT_CONFIRMATION } from '../../src/outbound/outbound-twiml.js';
import { UsageError, type SimulateOptions } from '../../src/sim/request-parts.js';
import { buildWebhookRequest } from '../../src/sim/webhook-requests.js';
import {
  toWireRequest,
  type WireCredentials,
  type WireRequest,
} from '../../src/sim/wire-request.js';
import { contacts, execution, SETTINGS, T0 } from '../outbound/campaign-fixtures.js';
import { API_TOKEN, AUTH_TOKEN, BASE_URL, buildTestApp } from '../support/test-app.js';

const CALL_SID = `CA${'1'.repeat(32)}`;
const CREDENTIALS: WireCredentials = {
  authToken: AUTH_TOKEN,
  apiToken: { value: API_TOKEN, shell: '$API_TOKEN' },
};

/**
 * What the simulate CLI sends, sent to the app as the server builds it: each command's request
 * must pass the route's own check (signature, Basic credentials, bearer token) and do its work.
 */
describe('toWireRequest (what npm run simulate sends)', () => {
  async function setUp(env: Record<string, string> = {}) {
    const campaigns = await EmbeddedCampaignStore.open(undefined);
    await campaigns.create(execution('CE1'), contacts(1));
    await campaigns.setStatus('CE1', ['ready'], 'running', undefined);
    const [claimed] = await campaigns.claim('CE1', 1, T0);
    if (claimed === undefined) throw new Error('nothing claimed');
    await campaigns.advance('CE1', claimed.id, ['claimed'], { state: 'dialing', dialedAt: T0 });
    await campaigns.advance('CE1', claimed.id, ['dialing'], { state: 'live', callSid: CALL_SID });
    const optOuts = EmbeddedOptOutList.inMemory();
    const { app } = buildTestApp({
      env: { QUEUES: `${SETTINGS.targetQueue},customers`, ...env },
      outbound: { campaigns, control: new MemoryControlLog(), optOuts },
    });
    const ids: SimulateOptions = { campaign: 'CE1', attempt: claimed.id, callSid: CALL_SID };
    const wire = (
      command: string,
      args: string[] = [],
      options: SimulateOptions = {},
      credentials = CREDENTIALS,
    ) =>
      toWireRequest(
        buildWebhookRequest(command, args, { ...ids, baseUrl: BASE_URL, ...options }),
        BASE_URL,
        credentials,
      );
    const send = (sent: WireRequest) =>
      request(app)
        .post(sent.url.slice(BASE_URL.length))
        .set(sent.headers)
        .send(sent.body ?? '');
    return { campaigns, optOuts, attempt: claimed.id, wire, send };
  }

  it("callee-answer is signed as Twilio signs it and puts the callee in the campaign's queue", async () => {
    const { wire, send } = await setUp();
    const sent = wire('callee-answer');
    expect(sent.curl).toContain(`-H 'X-Twilio-Signature: ${sent.headers['X-Twilio-Signature']}'`);
    const answer = await send(sent);
    expect(answer.status).toBe(200);
    expect(answer.text).toContain(`>${SETTINGS.targetQueue}</Enqueue>`);
  });

  it('the wait turn, the left result and the opt-out key each get their TwiML', async () => {
    const { wire, send, optOuts } = await setUp();
    expect((await send(wire('callee-wait'))).text).toContain('<Pause length="2"/><Leave/>');
    expect((await send(wire('callee-result', ['leave']))).text).toContain('<Gather');
    expect((await send(wire('opt-out'))).text).toContain(OPT_OUT_CONFIRMATION);
    expect(await optOuts.has('+14155550100')).toBe(true);
  });

  it('the status callback and the async AMD result move the attempt', async () => {
    const { wire, send, campaigns, attempt } = await setUp();
    expect((await send(wire('amd', ['human']))).status).toBe(200);
    expect((await campaigns.attempt('CE1', attempt))?.answeredBy).toBe('human');
    expect((await send(wire('call-status', ['busy']))).status).toBe(200);
    expect((await campaigns.dispositions('CE1')).map((d) => d.outcome)).toEqual(['busy']);
  });

  it('event-stream is signed over a URL carrying the body hash when no Basic credentials are set', async () => {
    const { wire, send, campaigns } = await setUp();
    const sent = wire('event-stream', ['no-answer']);
    expect(sent.url).toMatch(new RegExp(`^${BASE_URL}/eventstreams\\?bodySHA256=[0-9a-f]{64}$`));
    const answer = await send(sent);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ taken: 1, duplicates: 0, unknown: 0 });
    expect((await campaigns.dispositions('CE1')).map((d) => d.outcome)).toEqual(['no-answer']);
  });

  it('event-stream sends EVENT_STREAMS_BASIC_AUTH when set, and the curl line names it', async () => {
    const { wire, send } = await setUp({ EVENT_STREAMS_BASIC_AUTH: 'sink:s3cret-password-0123' });
    const basic = { value: 'sink:s3cret-password-0123', shell: '$EVENT_STREAMS_BASIC_AUTH' };
    const sent = wire('event-stream', ['completed'], {}, { ...CREDENTIALS, basicAuth: basic });
    expect(sent.url).toBe(`${BASE_URL}/eventstreams`);
    expect(sent.curl).toContain('-u "$EVENT_STREAMS_BASIC_AUTH"');
    expect(sent.curl).not.toContain('s3cret');
    expect((await send(sent)).body).toEqual({ taken: 1, duplicates: 0, unknown: 0 });
  });

  it('studio-status sends the API token as a bearer, and the curl line names it', async () => {
    const { wire, send, attempt } = await setUp();
    const sent = wire('studio-status', ['failed'], { reason: 'number disconnected' });
    expect(sent.curl).toContain('-H "Authorization: Bearer $API_TOKEN"');
    expect(sent.curl).not.toContain(API_TOKEN);
    const answer = await send(sent);
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ campaign: 'CE1', attempt });
    expect(() => wire('studio-status', [], {}, { authToken: AUTH_TOKEN })).toThrow(UsageError);
  });
});
