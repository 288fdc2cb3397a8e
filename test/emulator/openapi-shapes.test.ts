import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import {
  EMULATOR_ACCOUNT_SID,
  EMULATOR_AUTH_TOKEN,
  basicAuth,
  fixedClock,
  getJson,
} from '../support/emulator-sdk.js';
import {
  describeWithOpenApi,
  keysOf,
  loadSpec,
  propertiesOf,
  resolveSchema,
  responseExample,
  responseSchema,
  shapeProblems,
  type Spec,
} from '../support/openapi-shapes.js';

/**
 * The emulator's answers against Twilio's own OpenAPI descriptions: every documented field is
 * there, nothing undocumented is added, and the types and date formats are Twilio's. Where the
 * description leaves an object untyped (cumulative/realtime nested in Statistics, links, the
 * duration and split objects), its documented example names the keys.
 */
const TR = {
  list: '/v1/Workspaces/{WorkspaceSid}/TaskQueues',
  fetch: '/v1/Workspaces/{WorkspaceSid}/TaskQueues/{Sid}',
  bulk: '/v1/Workspaces/{WorkspaceSid}/TaskQueues/Statistics',
  statistics: '/v1/Workspaces/{WorkspaceSid}/TaskQueues/{TaskQueueSid}/Statistics',
  cumulative: '/v1/Workspaces/{WorkspaceSid}/TaskQueues/{TaskQueueSid}/CumulativeStatistics',
  realtime: '/v1/Workspaces/{WorkspaceSid}/TaskQueues/{TaskQueueSid}/RealTimeStatistics',
  workers: '/v1/Workspaces/{WorkspaceSid}/Workers',
  worker: '/v1/Workspaces/{WorkspaceSid}/Workers/{Sid}',
  workspace: '/v1/Workspaces/{Sid}',
};
const VOICE = {
  list: '/2010-04-01/Accounts/{AccountSid}/Queues.json',
  fetch: '/2010-04-01/Accounts/{AccountSid}/Queues/{Sid}.json',
};
/** The schema of a POST's 200 JSON answer (an update). */
function postResponseSchema(spec: Spec, apiPath: string): Json {
  const operation = spec.paths[apiPath]?.post;
  if (operation === undefined) throw new Error(`POST ${apiPath} is not in the description`);
  const ok = (operation.responses as Record<string, Json>)['200'];
  const content = ok?.content as Record<string, Json> | undefined;
  return resolveSchema(spec, content?.['application/json']?.schema as Json);
}

/** The form parameters a POST documents. */
function documentedForm(spec: Spec, apiPath: string): Json {
  const body = spec.paths[apiPath]?.post?.requestBody as Json | undefined;
  const content = body?.content as Record<string, Json> | undefined;
  const schema = content?.['application/x-www-form-urlencoded']?.schema as Json | undefined;
  return (schema?.properties ?? {}) as Json;
}

type Json = Record<string, unknown>;

/** In Statistics the nested objects drop what the enclosing object already says. */
const IDENTITY = ['account_sid', 'workspace_sid', 'task_queue_sid', 'url'];

describeWithOpenApi('answers match Twilio’s OpenAPI descriptions', () => {
  let emulator: Emulator;
  let ws: string;
  let wq: string;
  let qu: string;
  beforeAll(async () => {
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
      workspace: {
        workers: [
          { friendlyName: 'alice', attributes: { skills: ['premium'] }, activity: 'Idle' },
          { friendlyName: 'bob', attributes: { skills: ['support'] } },
          { friendlyName: 'carol' },
        ],
        queues: [
          {
            friendlyName: 'premium-customers',
            targetWorkers: 'routing.skills HAS "premium"',
            live: { waitingCallers: 2, longestWaitSeconds: 40, workers: { busy: 3, reserved: 1 } },
          },
          { friendlyName: 'customers' },
          { friendlyName: 'callbacks' },
        ],
      },
      clock: fixedClock,
    });
    ws = emulator.workspaceSid;
    const premium = emulator.workspace.get('premium-customers');
    wq = premium?.taskQueueSid ?? '';
    qu = premium?.voiceQueueSid ?? '';
  });
  afterAll(() => emulator.close());

  const taskrouter = () => loadSpec('twilio_taskrouter_v1.json');
  const voice = () => loadSpec('twilio_api_v2010.json');
  const get = async (path: string) => {
    const response = await getJson(emulator, path);
    expect(response.status).toBe(200);
    return response.body;
  };
  const itemSchema = (spec: Spec, apiPath: string, key: string) =>
    propertiesOf(spec, responseSchema(spec, apiPath))[key]?.items as Record<string, unknown>;
  const nestedKeys = (spec: Spec, schemaPath: string) =>
    Object.keys(propertiesOf(spec, responseSchema(spec, schemaPath)))
      .filter((key) => !IDENTITY.includes(key))
      .sort();

  /** Nested cumulative/realtime objects: the standalone schemas' fields, the example's included. */
  const expectNested = (spec: Spec, body: Record<string, unknown>, exampleOf: string) => {
    const example = responseExample(spec, exampleOf);
    const exampleItem = (
      Array.isArray(example.task_queues_statistics) ? example.task_queues_statistics[0] : example
    ) as Record<string, Record<string, unknown>>;
    expect(keysOf(body.cumulative)).toEqual(nestedKeys(spec, TR.cumulative));
    expect(keysOf(body.realtime)).toEqual(nestedKeys(spec, TR.realtime));
    expect(keysOf(body.cumulative)).toEqual(expect.arrayContaining(keysOf(exampleItem.cumulative)));
    expect(keysOf(body.realtime)).toEqual(expect.arrayContaining(keysOf(exampleItem.realtime)));
    const cumulativeSchema = responseSchema(spec, TR.cumulative);
    const realtimeSchema = responseSchema(spec, TR.realtime);
    const withIdentity = (nested: unknown) => ({
      account_sid: 'AC',
      workspace_sid: 'WS',
      task_queue_sid: 'WQ',
      url: 'https://x',
      ...(nested as object),
    });
    expect(shapeProblems(spec, cumulativeSchema, withIdentity(body.cumulative))).toEqual([]);
    expect(shapeProblems(spec, realtimeSchema, withIdentity(body.realtime))).toEqual([]);
  };

  it('GET TaskQueues: the list, its meta and each TaskQueue', async () => {
    const spec = taskrouter();
    const body = await get(`/v1/Workspaces/${ws}/TaskQueues?PageSize=2`);

    expect(shapeProblems(spec, responseSchema(spec, TR.list), body)).toEqual([]);
    const queues = body.task_queues as Record<string, unknown>[];
    expect(queues).toHaveLength(2);
    for (const [i, queue] of queues.entries()) {
      expect(
        shapeProblems(spec, itemSchema(spec, TR.list, 'task_queues'), queue, `task_queues[${i}]`),
      ).toEqual([]);
      const exampleLinks = responseExample(spec, TR.fetch).links;
      expect(keysOf(queue.links)).toEqual(keysOf(exampleLinks));
    }
    expect(keysOf(body.meta)).toEqual(
      Object.keys(responseExample(spec, TR.list).meta as object).sort(),
    );
  });

  it('GET TaskQueues/{Sid}', async () => {
    const spec = taskrouter();
    const body = await get(`/v1/Workspaces/${ws}/TaskQueues/${wq}`);

    expect(shapeProblems(spec, responseSchema(spec, TR.fetch), body)).toEqual([]);
  });

  it('GET TaskQueues/Statistics: the list, its meta and each queue’s statistics', async () => {
    const spec = taskrouter();
    const body = await get(
      `/v1/Workspaces/${ws}/TaskQueues/Statistics?PageSize=2&Minutes=60&SplitByWaitTime=30,60`,
    );

    expect(shapeProblems(spec, responseSchema(spec, TR.bulk), body)).toEqual([]);
    const items = body.task_queues_statistics as Record<string, unknown>[];
    expect(items).toHaveLength(2);
    for (const item of items) {
      expect(
        shapeProblems(spec, itemSchema(spec, TR.bulk, 'task_queues_statistics'), item),
      ).toEqual([]);
      expectNested(spec, item, TR.bulk);
    }
    expect((body.meta as Record<string, unknown>).key).toBe('task_queues_statistics');
  });

  it('GET TaskQueues/{Sid}/Statistics', async () => {
    const spec = taskrouter();
    const body = await get(
      `/v1/Workspaces/${ws}/TaskQueues/${wq}/Statistics?Minutes=60&SplitByWaitTime=30`,
    );

    expect(shapeProblems(spec, responseSchema(spec, TR.statistics), body)).toEqual([]);
    expectNested(spec, body, TR.statistics);
  });

  it('GET TaskQueues/{Sid}/CumulativeStatistics, durations and splits as in the example', async () => {
    const spec = taskrouter();
    const body = await get(
      `/v1/Workspaces/${ws}/TaskQueues/${wq}/CumulativeStatistics?Minutes=60&SplitByWaitTime=5,10`,
    );
    const example = responseExample(spec, TR.cumulative);

    expect(shapeProblems(spec, responseSchema(spec, TR.cumulative), body)).toEqual([]);
    for (const key of [
      'wait_duration_until_accepted',
      'wait_duration_until_canceled',
      'wait_duration_in_queue_until_accepted',
    ]) {
      expect(keysOf(body[key])).toEqual(keysOf(example[key]));
    }
    const splits = body.split_by_wait_time as Record<string, Record<string, unknown>>;
    const exampleSplits = example.split_by_wait_time as Record<string, Record<string, unknown>>;
    expect(keysOf(splits)).toEqual(keysOf(exampleSplits));
    expect(keysOf(splits['5'])).toEqual(keysOf(exampleSplits['5']));
    expect(keysOf(splits['5']?.below)).toEqual(keysOf(exampleSplits['5']?.below));
  });

  it('GET TaskQueues/{Sid}/RealTimeStatistics, with activity and task counts as in the example', async () => {
    const spec = taskrouter();
    const body = await get(`/v1/Workspaces/${ws}/TaskQueues/${wq}/RealTimeStatistics`);
    const example = responseExample(spec, TR.realtime);

    expect(shapeProblems(spec, responseSchema(spec, TR.realtime), body)).toEqual([]);
    const activities = body.activity_statistics as unknown[];
    const exampleActivities = example.activity_statistics as unknown[];
    for (const activity of activities)
      expect(keysOf(activity)).toEqual(keysOf(exampleActivities[0]));
    expect(keysOf(body.tasks_by_status)).toEqual(keysOf(example.tasks_by_status));
  });

  it('GET Queues.json: 2010 paging fields and each Queue', async () => {
    const spec = voice();
    const body = await get(`/2010-04-01/Accounts/${emulator.accountSid}/Queues.json?PageSize=2`);

    expect(shapeProblems(spec, responseSchema(spec, VOICE.list), body)).toEqual([]);
    expect(body.next_page_uri).toEqual(expect.stringContaining('PageToken='));
  });

  it('GET Queues/{Sid}.json', async () => {
    const spec = voice();
    const body = await get(`/2010-04-01/Accounts/${emulator.accountSid}/Queues/${qu}.json`);

    expect(shapeProblems(spec, responseSchema(spec, VOICE.fetch), body)).toEqual([]);
  });

  it('GET Workers: the list, its meta, and each Worker with attributes null', async () => {
    const spec = taskrouter();
    const body = await get(`/v1/Workspaces/${ws}/Workers?PageSize=2&Available=false`);

    expect(shapeProblems(spec, responseSchema(spec, TR.workers), body)).toEqual([]);
    const workers = body.workers as Record<string, unknown>[];
    expect(workers.map((w) => w.friendly_name)).toEqual(['bob', 'carol']);
    for (const [i, worker] of workers.entries()) {
      expect(
        shapeProblems(spec, itemSchema(spec, TR.workers, 'workers'), worker, `workers[${i}]`),
      ).toEqual([]);
      expect(keysOf(worker.links)).toEqual(keysOf(responseExample(spec, TR.worker).links));
      expect(worker.attributes).toBeNull();
    }
    expect(keysOf(body.meta)).toEqual(keysOf(responseExample(spec, TR.workers).meta));
    expect((body.meta as Record<string, unknown>).key).toBe('workers');
  });

  it('GET Workers/{Sid}, with attributes as a JSON string', async () => {
    const spec = taskrouter();
    const sid = emulator.workspace.workers.get('alice')?.sid ?? '';
    const body = await get(`/v1/Workspaces/${ws}/Workers/${sid}`);

    expect(shapeProblems(spec, responseSchema(spec, TR.worker), body)).toEqual([]);
    expect(body).toMatchObject({ attributes: '{"skills":["premium"]}', available: true });
  });

  it('POST Workers/{Sid}: the update answers the Worker as documented', async () => {
    const spec = taskrouter();
    const sid = emulator.workspace.workers.get('bob')?.sid ?? '';
    const response = await fetch(`${emulator.baseUrl}/v1/Workspaces/${ws}/Workers/${sid}`, {
      method: 'POST',
      headers: {
        authorization: basicAuth(),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ Attributes: '{"skills":["support","sales"]}' }),
    });
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(200);
    expect(shapeProblems(spec, postResponseSchema(spec, TR.worker), body)).toEqual([]);
    expect(Object.keys(documentedForm(spec, TR.worker))).toEqual(
      expect.arrayContaining(['Attributes', 'FriendlyName', 'ActivitySid']),
    );
  });

  it('GET Workspaces/{Sid}, and the TaskQueue’s target_workers as a string', async () => {
    const spec = taskrouter();
    const workspace = await get(`/v1/Workspaces/${ws}`);
    const queue = await get(`/v1/Workspaces/${ws}/TaskQueues/${wq}`);

    expect(shapeProblems(spec, responseSchema(spec, TR.workspace), workspace)).toEqual([]);
    expect(keysOf(workspace.links)).toEqual(keysOf(responseExample(spec, TR.workspace).links));
    expect(queue.target_workers).toBe('routing.skills HAS "premium"');
  });

  it('the checker itself catches a missing, an extra and a mistyped field', () => {
    const spec = voice();
    const schema = responseSchema(spec, VOICE.fetch);
    const valid = responseExample(spec, VOICE.fetch);
    const missing: Record<string, unknown> = { ...valid };
    delete missing.max_size;

    expect(shapeProblems(spec, schema, valid)).toEqual([]);
    expect(shapeProblems(spec, schema, missing)).toEqual(['$.max_size: missing']);
    expect(shapeProblems(spec, schema, { ...valid, extra: 1 })).toEqual([
      '$.extra: not documented',
    ]);
    expect(shapeProblems(spec, schema, { ...valid, current_size: '3' })).toEqual([
      '$.current_size: not an integer',
    ]);
  });
});
