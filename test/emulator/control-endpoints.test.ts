import request from 'supertest';
import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import {
  EMULATOR_ACCOUNT_SID,
  EMULATOR_AUTH_TOKEN,
  fixedClock,
  sdkFor,
} from '../support/emulator-sdk.js';

/** /__emulator/: what a demo or a test in another process uses to steer the emulator. */
describe('the /__emulator control endpoints', () => {
  let emulator: Emulator;
  let control: ReturnType<typeof request>;
  beforeEach(async () => {
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
      workspace: { seed: 2 },
      clock: fixedClock,
    });
    control = request(emulator.baseUrl);
  });
  afterEach(() => emulator.close());

  const taskQueueNames = async () =>
    (
      await sdkFor(emulator)
        .client.taskrouter.v1.workspaces(emulator.workspaceSid)
        .taskQueues.list()
    ).map((q) => q.friendlyName);

  it('GET /state describes the emulator without Twilio auth', async () => {
    const res = await control.get('/__emulator/state').expect(200);

    expect(res.body).toMatchObject({
      accountSid: EMULATOR_ACCOUNT_SID,
      workspaceSid: emulator.workspaceSid,
      baseUrl: emulator.baseUrl,
      linkBase: 'twilio',
      now: '2026-11-23T10:00:00.000Z',
      faults: {
        options: { serverErrorShare: 0, dropShare: 0, malformedShare: 0, seed: 1 },
        pending: [],
      },
      requests: { total: 0 },
    });
    expect(
      (res.body as { queues: { friendlyName: string }[] }).queues.map((q) => q.friendlyName),
    ).toEqual(['premium-customers', 'customers']);
  });

  it('POST /queues adds a queue the SDK then lists', async () => {
    const res = await control
      .post('/__emulator/queues')
      .send({ friendlyName: 'overflow', live: { waitingCallers: 2, longestWaitSeconds: 30 } })
      .expect(201);

    expect(res.body).toMatchObject({
      friendlyName: 'overflow',
      taskQueueSid: expect.stringMatching(/^WQ/) as string,
      live: { waitingCallers: 2, longestWaitSeconds: 30 },
    });
    expect(await taskQueueNames()).toEqual(['premium-customers', 'customers', 'overflow']);
  });

  it('POST /queues refuses a bad queue, naming the field', async () => {
    const taken = await control
      .post('/__emulator/queues')
      .send({ friendlyName: 'customers' })
      .expect(400);
    const bad = await control
      .post('/__emulator/queues')
      .send({ friendlyName: 'x', maxSize: 0 })
      .expect(400);
    const notJson = await control
      .post('/__emulator/queues')
      .set('Content-Type', 'application/json')
      .send('{"friendlyName":')
      .expect(400);

    expect(taken.body).toMatchObject({
      code: 20001,
      message: expect.stringContaining('friendlyName') as string,
    });
    expect((bad.body as { message: string }).message).toContain('maxSize');
    expect(notJson.body).toMatchObject({ code: 20001, status: 400 });
  });

  it('PATCH /queues/:queue sets live numbers the SDK then reads', async () => {
    const sid = emulator.workspace.get('customers')?.taskQueueSid ?? '';

    await control
      .patch('/__emulator/queues/customers')
      .send({ waitingCallers: 6, longestWaitSeconds: 240, workers: { idle: 0 } })
      .expect(200);
    const realtime = await sdkFor(emulator)
      .client.taskrouter.v1.workspaces(emulator.workspaceSid)
      .taskQueues(sid)
      .realTimeStatistics()
      .fetch();

    expect(realtime.longestTaskWaitingAge).toBe(240);
    expect(realtime.totalAvailableWorkers).toBe(0);
  });

  it('DELETE /queues/:queue removes a queue by name or SID; an unknown one is a 404', async () => {
    const sid = emulator.workspace.get('customers')?.voiceQueueSid ?? '';

    await control.delete(`/__emulator/queues/${sid}`).expect(204);
    await control.delete('/__emulator/queues/customers').expect(404);

    expect(await taskQueueNames()).toEqual(['premium-customers']);
  });

  it('PUT /faults sets standing faults and scripts, DELETE clears them', async () => {
    const res = await control
      .put('/__emulator/faults')
      .send({ latency: { fixedMs: 5 }, script: [{ kind: 'server-error', status: 503, times: 1 }] })
      .expect(200);
    expect(res.body).toMatchObject({
      options: { latency: { fixedMs: 5, jitterMs: 0 } },
      pending: [{ kind: 'server-error', status: 503, remaining: 1, match: null }],
    });

    await taskQueueNames();
    expect(emulator.requests.entries.map((e) => e.status)).toEqual([503, 200]);

    await control.delete('/__emulator/faults').expect(204);
    expect(emulator.faults.options.latency).toBeUndefined();
  });

  it('PUT /faults refuses bad options and changes nothing', async () => {
    emulator.faults.script({ kind: 'drop' });

    const res = await control
      .put('/__emulator/faults')
      .send({ serverErrorShare: 2, script: [{ kind: 'explode' }] })
      .expect(400);

    expect((res.body as { message: string }).message).toContain('serverErrorShare');
    expect(emulator.faults.options.serverErrorShare).toBe(0);
    expect(emulator.faults.pending).toHaveLength(1);
  });

  it('GET /requests lists the Twilio requests (not its own); DELETE clears them', async () => {
    await taskQueueNames();

    const res = await control.get('/__emulator/requests').expect(200);
    expect(res.body).toMatchObject({
      counters: { total: 1, byStatus: { '200': 1 } },
      entries: [
        { method: 'GET', path: `/v1/Workspaces/${emulator.workspaceSid}/TaskQueues`, status: 200 },
      ],
    });

    await control.delete('/__emulator/requests').expect(204);
    expect(emulator.requests.entries).toEqual([]);
  });

  it('an unknown control path is a 404', async () => {
    await control.get('/__emulator/nothing').expect(404);
  });
});
