import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import { ACCEPTED_EXECUTION_PARAMETERS } from '../../src/emulator/studio-form.js';
import { basicAuth, EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN } from '../support/emulator-sdk.js';
import { createManualScheduler } from '../support/manual-scheduler.js';
import {
  describeWithOpenApi,
  keysOf,
  loadSpec,
  propertiesOf,
  resolveSchema,
  responseSchema,
  shapeProblems,
  type Spec,
} from '../support/openapi-shapes.js';

type Json = Record<string, unknown>;
const LIST = '/v2/Flows/{FlowSid}/Executions';
const ONE = '/v2/Flows/{FlowSid}/Executions/{Sid}';
const CONTEXT = '/v2/Flows/{FlowSid}/Executions/{ExecutionSid}/Context';
const FLOW = 'FW0123456789abcdef0123456789abcdef';

function createdAnswer(spec: Spec) {
  const responses = spec.paths[LIST]?.post?.responses as Record<string, Json>;
  const content = (responses['201']?.content as Json)['application/json'] as Json;
  const example = Object.values(content.examples as Record<string, { value: Json }>)[0]?.value;
  return { schema: resolveSchema(spec, content.schema as Json), example };
}

/** Each SID field of `value` against the pattern the description gives it. */
function sidProblems(spec: Spec, schema: Json, value: Json): string[] {
  return Object.entries(propertiesOf(spec, schema)).flatMap(([key, property]) => {
    const pattern = property.pattern;
    const field = value[key];
    if (typeof pattern !== 'string' || typeof field !== 'string') return [];
    return new RegExp(pattern).test(field) ? [] : [`${key}: ${field} does not match ${pattern}`];
  });
}

describeWithOpenApi('Studio Execution answers match Twilio’s OpenAPI description', () => {
  let emulator: Emulator;
  let scheduler: ReturnType<typeof createManualScheduler>;
  const spec = () => loadSpec('twilio_studio_v2.json');
  const executions = `/v2/Flows/${FLOW}/Executions`;
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
  const create = (to = '+14155550101') =>
    request(executions, {
      To: to,
      From: '+15005550006',
      Parameters: JSON.stringify({ execution: 'camp', attempt: `${to}#1` }),
    });

  beforeEach(async () => {
    scheduler = createManualScheduler(Date.parse('2026-11-23T10:00:00Z'));
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
      calls: { scheduler },
      linkBase: 'self',
    });
  });
  afterEach(() => emulator.close());

  it('create: 201 with the Execution resource, active', async () => {
    const { schema, example } = createdAnswer(spec());

    const { status, body } = await create();

    expect(status).toBe(201);
    expect(shapeProblems(spec(), schema, body)).toEqual([]);
    expect(sidProblems(spec(), schema, body)).toEqual([]);
    expect(keysOf(body.links)).toEqual(keysOf(example?.links));
    expect(body).toMatchObject({ flow_sid: FLOW, status: 'active' });
  });

  it('fetch and Context while active and once the flow ended; the context holds flow.data', async () => {
    emulator.calls.script('+14155550101', { outcome: 'busy', ringMs: 1000 });
    const { body: created } = await create();
    const sid = String(created.sid);
    for (const advance of [0, 1000]) {
      scheduler.advance(advance);
      await emulator.studio.settled();
      const one = await request(`${executions}/${sid}`);
      const context = await request(`${executions}/${sid}/Context`);

      expect(shapeProblems(spec(), responseSchema(spec(), ONE), one.body)).toEqual([]);
      expect(shapeProblems(spec(), responseSchema(spec(), CONTEXT), context.body)).toEqual([]);
      expect(sidProblems(spec(), responseSchema(spec(), CONTEXT), context.body)).toEqual([]);
      expect(context.body.context).toMatchObject({
        flow: { data: { execution: 'camp', attempt: '+14155550101#1' } },
        contact: { channel: { address: '+14155550101' } },
      });
    }
    expect((await request(`${executions}/${sid}`)).body.status).toBe('ended');
  });

  it('list: newest first, DateCreatedFrom and DateCreatedTo, pages whose links keep the filters', async () => {
    const sids: string[] = [];
    for (const to of ['+14155550101', '+14155550102', '+14155550103']) {
      sids.push(String((await create(to)).body.sid));
      scheduler.advance(2_000);
    }
    const from = encodeURIComponent('2026-11-23T10:00:02Z');
    const first = await request(`${executions}?DateCreatedFrom=${from}&PageSize=1`);

    expect(shapeProblems(spec(), responseSchema(spec(), LIST), first.body)).toEqual([]);
    const meta = first.body.meta as Json;
    expect(meta.key).toBe('executions');
    expect((first.body.executions as Json[]).map((e) => e.sid)).toEqual([sids[2]]);
    const next = new URL(String(meta.next_page_url));
    expect(next.searchParams.get('DateCreatedFrom')).toBe('2026-11-23T10:00:02Z');
    const second = await request(`${next.pathname}${next.search}`);
    expect((second.body.executions as Json[]).map((e) => e.sid)).toEqual([sids[1]]);
    expect((second.body.meta as Json).next_page_url).toBeNull();

    const before = encodeURIComponent('2026-11-23T10:00:02Z');
    const older = await request(`${executions}?DateCreatedTo=${before}`);
    expect((older.body.executions as Json[]).map((e) => e.sid)).toEqual([sids[0]]);
  });

  it('a second execution for an active contact: 409 with code 20409', async () => {
    await create();

    const { status, body } = await create();

    expect(status).toBe(409);
    expect(body).toMatchObject({ code: 20409, status: 409 });
    expect(emulator.studio.list()).toHaveLength(1);
  });

  it('every create parameter the emulator takes is documented', () => {
    const body = spec().paths[LIST]?.post?.requestBody as Json;
    const form = ((body.content as Json)['application/x-www-form-urlencoded'] as Json)
      .schema as Json;

    expect(Object.keys(form.properties as Json)).toEqual(
      expect.arrayContaining([...ACCEPTED_EXECUTION_PARAMETERS]),
    );
  });
});
