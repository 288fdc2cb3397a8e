import { ACCEPTED_CREATE_PARAMETERS } from '../../src/emulator/call-form.js';
import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import { basicAuth, EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN } from '../support/emulator-sdk.js';
import { createManualScheduler } from '../support/manual-scheduler.js';
import {
  describeWithOpenApi,
  keysOf,
  loadSpec,
  resolveSchema,
  responseSchema,
  shapeProblems,
  type Spec,
} from '../support/openapi-shapes.js';

type Json = Record<string, unknown>;
const LIST = '/2010-04-01/Accounts/{AccountSid}/Calls.json';
const ONE = '/2010-04-01/Accounts/{AccountSid}/Calls/{Sid}.json';

/** The schema and documented example of an operation's JSON answer with this status. */
function answerOf(spec: Spec, path: string, method: 'get' | 'post', status: string) {
  const responses = spec.paths[path]?.[method]?.responses as Record<string, Json>;
  const content = (responses[status]?.content as Json)['application/json'] as Json;
  const example = Object.values(content.examples as Record<string, { value: Json }>)[0]?.value;
  return { schema: resolveSchema(spec, content.schema as Json), example };
}

describeWithOpenApi('Calls answers match Twilio’s OpenAPI description', () => {
  let emulator: Emulator;
  let scheduler: ReturnType<typeof createManualScheduler>;
  const spec = () => loadSpec('twilio_api_v2010.json');
  const request = async (path: string, form?: Record<string, string>) => {
    const response = await fetch(`${emulator.baseUrl}${path}`, {
      method: form === undefined ? 'GET' : 'POST',
      headers: {
        authorization: basicAuth(),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: form === undefined ? undefined : new URLSearchParams(form).toString(),
    });
    return { status: response.status, body: (await response.json()) as Json };
  };
  const calls = `/2010-04-01/Accounts/${EMULATOR_ACCOUNT_SID}/Calls`;
  beforeEach(async () => {
    scheduler = createManualScheduler(Date.parse('2026-11-23T10:00:00Z'));
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
      calls: { scheduler },
    });
  });
  afterEach(() => emulator.close());

  const createCall = () =>
    request(`${calls}.json`, { To: '+14155550101', From: '+14155550100', Twiml: '<Response/>' });

  it('create: 201 with the Call resource', async () => {
    const { schema, example } = answerOf(spec(), LIST, 'post', '201');

    const { status, body } = await createCall();

    expect(status).toBe(201);
    expect(shapeProblems(spec(), schema, body)).toEqual([]);
    expect(keysOf(body.subresource_uris)).toEqual(keysOf(example?.subresource_uris));
    expect(body).toMatchObject({ status: 'queued', queue_time: '0', start_time: null });
  });

  it('fetch and list, queued, ringing, in progress and completed', async () => {
    emulator.calls.script('+14155550101', { outcome: 'human', ringMs: 1000, talkMs: 5000 });
    const { body: created } = await createCall();
    const listSchema = responseSchema(spec(), LIST);
    const fetchSchema = responseSchema(spec(), ONE);
    for (const advance of [0, 0, 1000, 5000]) {
      scheduler.advance(advance);
      const one = await request(`${calls}/${String(created.sid)}.json`);
      const list = await request(`${calls}.json?PageSize=1`);

      expect(shapeProblems(spec(), fetchSchema, one.body)).toEqual([]);
      expect(shapeProblems(spec(), listSchema, list.body)).toEqual([]);
    }
  });

  it('update: 200 with the Call resource', async () => {
    const { body: created } = await createCall();
    const { schema } = answerOf(spec(), ONE, 'post', '200');

    const { status, body } = await request(`${calls}/${String(created.sid)}.json`, {
      Status: 'canceled',
    });

    expect(status).toBe(200);
    expect(shapeProblems(spec(), schema, body)).toEqual([]);
    expect(body.status).toBe('canceled');
  });

  it('every create parameter the emulator takes is documented', () => {
    const body = spec().paths[LIST]?.post?.requestBody as Json;
    const form = ((body.content as Json)['application/x-www-form-urlencoded'] as Json)
      .schema as Json;
    const documented = Object.keys(form.properties as Json);
    const taken = [...ACCEPTED_CREATE_PARAMETERS];

    expect(documented).toEqual(expect.arrayContaining(taken));
  });
});
