import request from 'supertest';
import twilio from 'twilio';
import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import {
  EMULATOR_ACCOUNT_SID,
  EMULATOR_AUTH_TOKEN,
  EMULATOR_NOW,
  fixedClock,
  sdkFor,
} from '../support/emulator-sdk.js';
import { eventually } from '../support/eventually.js';
import { startEventListener, type ReceivedEvent } from './event-listener.js';

type Listener = Awaited<ReturnType<typeof startEventListener>>;

/**
 * TaskRouter event callbacks from the emulator to a listener on loopback (where the app's
 * EventCallbackUrl would be): signed form POSTs with the documented parameters, sent after the
 * REST answer, one at a time in order, retried, and duplicated or replayed on demand.
 */
describe('TaskRouter event callbacks', () => {
  let emulator: Emulator | undefined;
  let listener: Listener | undefined;
  afterEach(async () => {
    await emulator?.close();
    await listener?.close();
    emulator = undefined;
    listener = undefined;
  });

  async function start(
    answer?: (received: ReceivedEvent, index: number) => number | Promise<number>,
    eventCallback = true,
  ): Promise<{ emulator: Emulator; listener: Listener }> {
    listener = await startEventListener({ answer });
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
      workspace: { seed: 3, workerCount: 5 },
      clock: fixedClock,
      eventCallbackUrl: eventCallback ? listener.url : undefined,
      eventDelivery: { retryDelayMs: 5, attempts: 3 },
    });
    return { emulator, listener };
  }
  const workerAt = (e: Emulator, index: number) => {
    const worker = e.workspace.workers.list()[index];
    if (worker === undefined) throw new Error(`no worker ${index}`);
    return worker;
  };
  const workers = (e: Emulator) =>
    sdkFor(e).client.taskrouter.v1.workspaces(e.workspaceSid).workers;
  const isSigned = (l: Listener, event: ReceivedEvent) =>
    twilio.validateRequest(EMULATOR_AUTH_TOKEN, event.signature ?? '', l.url, event.params);

  it('POSTs a worker’s attribute update, signed, with the documented parameters', async () => {
    const { emulator: e, listener: l } = await start();
    const worker = workerAt(e, 0);

    await workers(e).get(worker.sid).update({ attributes: '{"skills":["billing"]}' });
    await e.events.settled();

    expect(l.received).toHaveLength(1);
    const [event] = l.received as [ReceivedEvent];
    expect(event.path).toBe('/taskrouter/events?source=emulator');
    expect(event.contentType).toBe('application/x-www-form-urlencoded');
    expect(isSigned(l, event)).toBe(true);
    expect(event.params).toEqual({
      EventType: 'worker.attributes.update',
      AccountSid: EMULATOR_ACCOUNT_SID,
      WorkspaceSid: e.workspaceSid,
      WorkspaceName: 'holdline emulator (seed 3)',
      EventDescription: `Worker ${worker.friendlyName} updated attributes to {"skills":["billing"]}`,
      ResourceType: 'worker',
      ResourceSid: worker.sid,
      Sid: expect.stringMatching(/^EV[0-9a-f]{32}$/) as string,
      Timestamp: String(EMULATOR_NOW / 1000),
      TimestampMs: String(EMULATOR_NOW),
      WorkerSid: worker.sid,
      WorkerName: worker.friendlyName,
      WorkerAttributes: '{"skills":["billing"]}',
      WorkerActivitySid: worker.activity.sid,
      WorkerActivityName: worker.activity.friendlyName,
      WorkerVersion: '1',
      OperatingUnitSid: expect.stringMatching(/^OU[0-9a-f]{32}$/) as string,
    });
    expect(e.events.log.map((r) => [r.eventType, r.status, r.attempts.length])).toEqual([
      ['worker.attributes.update', 'delivered', 1],
    ]);
  });

  it('signs over the exact URL and parameters: a changed one does not validate', async () => {
    const { emulator: e, listener: l } = await start();
    await workers(e).get(workerAt(e, 0).sid).update({ attributes: '{}' });
    await e.events.settled();
    const [event] = l.received as [ReceivedEvent];

    expect(isSigned(l, event)).toBe(true);
    expect(
      twilio.validateRequest(EMULATOR_AUTH_TOKEN, event.signature ?? '', l.url, {
        ...event.params,
        WorkerAttributes: '{"x":1}',
      }),
    ).toBe(false);
    expect(
      twilio.validateRequest('another-token', event.signature ?? '', l.url, event.params),
    ).toBe(false);
  });

  it('answers the REST write without waiting for the delivery', async () => {
    let release = (_status: number) => undefined as void;
    const held = new Promise<number>((resolve) => (release = resolve));
    const { emulator: e, listener: l } = await start(() => held);

    const updated = await workers(e).get(workerAt(e, 1).sid).update({ attributes: '{"a":1}' });

    expect(updated.attributes).toBe('{"a":1}');
    expect(e.events.counters.pending).toBe(1);
    release(204);
    await e.events.settled();
    expect(l.received).toHaveLength(1);
    expect(e.events.counters).toMatchObject({ delivered: 1, pending: 0 });
  });

  it('sends events one at a time, in the order they happened', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const { emulator: e, listener: l } = await start(async (_event, index) => {
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      // Later events answer sooner: sent all at once, they would arrive out of order.
      await new Promise((resolve) => setTimeout(resolve, 20 - index * 4));
      inFlight -= 1;
      return 204;
    });

    for (const index of [0, 1, 2, 3]) {
      await workers(e)
        .get(workerAt(e, index).sid)
        .update({ attributes: JSON.stringify({ n: index }) });
    }
    e.workspace.add({ friendlyName: 'overflow' });
    await e.events.settled();

    expect(l.received.map((r) => r.params.EventType)).toEqual([
      'worker.attributes.update',
      'worker.attributes.update',
      'worker.attributes.update',
      'worker.attributes.update',
      'task-queue.created',
    ]);
    expect(l.received.slice(0, 4).map((r) => r.params.WorkerAttributes)).toEqual([
      '{"n":0}',
      '{"n":1}',
      '{"n":2}',
      '{"n":3}',
    ]);
    expect(mostInFlight).toBe(1);
  });

  it('retries a failed delivery before sending the next event', async () => {
    const { emulator: e, listener: l } = await start((_event, index) => (index < 2 ? 500 : 204));

    await workers(e).get(workerAt(e, 0).sid).update({ attributes: '{"first":true}' });
    await workers(e).get(workerAt(e, 1).sid).update({ attributes: '{"second":true}' });
    await e.events.settled();

    expect(l.received.map((r) => r.params.WorkerAttributes)).toEqual([
      '{"first":true}',
      '{"first":true}',
      '{"first":true}',
      '{"second":true}',
    ]);
    expect(new Set(l.received.slice(0, 3).map((r) => r.params.Sid)).size).toBe(1);
    const [first] = e.events.log;
    expect(first?.attempts.map((a) => a.status)).toEqual([500, 500, 204]);
    expect(e.events.counters).toMatchObject({ delivered: 2, failed: 0, attempts: 4 });
  });

  it('gives up on an event after its attempts and goes on with the next', async () => {
    const { emulator: e, listener: l } = await start((event) =>
      event.params.WorkerAttributes === '{"doomed":true}' ? 503 : 204,
    );

    await workers(e).get(workerAt(e, 0).sid).update({ attributes: '{"doomed":true}' });
    await workers(e).get(workerAt(e, 1).sid).update({ attributes: '{"fine":true}' });
    await e.events.settled();

    expect(l.received).toHaveLength(4);
    expect(e.events.log.map((r) => r.status)).toEqual(['failed', 'delivered']);
    expect(e.events.counters).toMatchObject({ emitted: 2, delivered: 1, failed: 1 });
  });

  it('retries when nobody listens (connection refused), then records the failure', async () => {
    const { emulator: e, listener: l } = await start();
    await l.close();

    await workers(e).get(workerAt(e, 0).sid).update({ attributes: '{}' });
    await e.events.settled();

    const [record] = e.events.log;
    expect(record?.status).toBe('failed');
    expect(record?.attempts).toHaveLength(3);
    expect(record?.attempts.every((a) => a.status === null && a.error !== null)).toBe(true);
  });

  it('delivers the next event twice, same Sid and parameters, when told to', async () => {
    const { emulator: e, listener: l } = await start();
    e.events.duplicateNext({ count: 1, copies: 2 });

    await workers(e).get(workerAt(e, 0).sid).update({ attributes: '{"dup":1}' });
    await workers(e).get(workerAt(e, 1).sid).update({ attributes: '{"single":1}' });
    await e.events.settled();

    expect(l.received.map((r) => r.params.WorkerAttributes)).toEqual([
      '{"dup":1}',
      '{"dup":1}',
      '{"single":1}',
    ]);
    const [one, two] = l.received as [ReceivedEvent, ReceivedEvent];
    expect(two.params).toEqual(one.params);
    expect(isSigned(l, two)).toBe(true);
    expect(e.events.log.map((r) => r.copy)).toEqual([1, 2, 1]);
  });

  it('redelivers an old event after a newer one (WorkerVersion tells them apart)', async () => {
    const { emulator: e, listener: l } = await start();
    const sid = workerAt(e, 0).sid;

    await workers(e).get(sid).update({ attributes: '{"v":1}' });
    await workers(e).get(sid).update({ attributes: '{"v":2}' });
    await e.events.settled();
    const firstSid = l.received[0]?.params.Sid ?? '';
    e.events.redeliver(firstSid);
    await e.events.settled();

    expect(l.received.map((r) => [r.params.WorkerAttributes, r.params.WorkerVersion])).toEqual([
      ['{"v":1}', '1'],
      ['{"v":2}', '2'],
      ['{"v":1}', '1'],
    ]);
    expect(l.received[2]?.params.Sid).toBe(firstSid);
  });

  it('reports queues created, re-targeted and deleted, as TaskRouter names them', async () => {
    const { emulator: e, listener: l } = await start();
    const control = request(e.baseUrl);

    const created = await control
      .post('/__emulator/queues')
      .send({ friendlyName: 'vip', targetWorkers: 'routing.skills HAS "premium"' })
      .expect(201);
    const sid = (created.body as { taskQueueSid: string }).taskQueueSid;
    await control
      .put('/__emulator/queues/vip/target-workers')
      .send({ targetWorkers: 'routing.skills HAS "premium" AND level IN [4, 5]' })
      .expect(200);
    await control.delete('/__emulator/queues/vip').expect(204);
    await e.events.settled();

    const common = { ResourceType: 'taskqueue', ResourceSid: sid, TaskQueueSid: sid };
    expect(l.received.map((r) => r.params)).toEqual([
      expect.objectContaining({
        ...common,
        EventType: 'task-queue.created',
        TaskQueueName: 'vip',
        TaskQueueTargetExpression: 'routing.skills HAS "premium"',
        EventDescription: `TaskQueue ${sid} created`,
      }),
      expect.objectContaining({
        ...common,
        EventType: 'task-queue.expression.updated',
        TaskQueueTargetExpression: 'routing.skills HAS "premium" AND level IN [4, 5]',
        EventDescription: `TaskQueue ${sid} expression updated to 'routing.skills HAS "premium" AND level IN [4, 5]'`,
      }),
      expect.objectContaining({ ...common, EventType: 'task-queue.deleted', TaskQueueName: 'vip' }),
    ]);
    expect(l.received.every((r) => isSigned(l, r))).toBe(true);
  });

  it('reports workers created and activity changes, with the previous activity', async () => {
    const { emulator: e, listener: l } = await start();
    const control = request(e.baseUrl);

    const created = await control
      .post('/__emulator/workers')
      .send({ friendlyName: 'new_agent', attributes: { skills: ['sales'] } })
      .expect(201);
    const sid = (created.body as { sid: string }).sid;
    const idle = e.workspace.activities.find((a) => a.friendlyName === 'Idle');
    await workers(e)
      .get(sid)
      .update({ activitySid: idle?.sid ?? '' });
    await e.events.settled();

    expect(l.received.map((r) => r.params)).toEqual([
      expect.objectContaining({
        EventType: 'worker.created',
        WorkerSid: sid,
        WorkerName: 'new_agent',
        WorkerAttributes: '{"skills":["sales"]}',
        WorkerActivityName: 'Offline',
        WorkerVersion: '0',
        EventDescription: 'Worker new_agent created',
      }),
      expect.objectContaining({
        EventType: 'worker.activity.update',
        WorkerActivityName: 'Idle',
        WorkerPreviousActivitySid: e.workspace.activities[0]?.sid,
        WorkerTimeInPreviousActivity: '0',
        WorkerTimeInPreviousActivityMs: '0',
        EventDescription: 'Worker new_agent updated to Idle Activity',
      }),
    ]);
  });

  it('follows the Workspace’s EventsFilter and EventCallbackUrl, set through the SDK', async () => {
    const { emulator: e, listener: l } = await start();
    const workspace = sdkFor(e).client.taskrouter.v1.workspaces(e.workspaceSid);

    const filtered = await workspace.update({ eventsFilter: 'task-queue.created' });
    await workers(e).get(workerAt(e, 0).sid).update({ attributes: '{}' });
    e.workspace.add({ friendlyName: 'kept' });
    await workspace.update({ eventCallbackUrl: '' });
    e.workspace.add({ friendlyName: 'nowhere' });
    await e.events.settled();

    expect(filtered.eventsFilter).toBe('task-queue.created');
    expect(l.received.map((r) => [r.params.EventType, r.params.TaskQueueName])).toEqual([
      ['task-queue.created', 'kept'],
    ]);
    expect(e.events.log.map((r) => [r.eventType, r.status, r.skipped])).toEqual([
      ['worker.attributes.update', 'skipped', 'filtered'],
      ['task-queue.created', 'delivered', null],
      ['task-queue.created', 'skipped', 'no-callback-url'],
    ]);
    expect(await workspace.fetch()).toMatchObject({ eventCallbackUrl: null });
  });

  it('sends nothing without a callback URL, until one is set', async () => {
    const { emulator: e, listener: l } = await start(undefined, false);
    const control = request(e.baseUrl);

    e.workspace.workers.update(workerAt(e, 0).sid, { attributes: { a: 1 } });
    await control.put('/__emulator/events').send({ callbackUrl: l.url }).expect(200);
    e.workspace.workers.update(workerAt(e, 0).sid, { attributes: { a: 2 } });
    await e.events.settled();

    expect(l.received.map((r) => r.params.WorkerAttributes)).toEqual(['{"a":2}']);
    expect(e.events.counters).toMatchObject({ emitted: 2, skipped: 1, delivered: 1 });
  });

  it('refuses an event callback URL that is not http(s) at start', async () => {
    await expect(
      startEmulator({
        accountSid: EMULATOR_ACCOUNT_SID,
        authToken: EMULATOR_AUTH_TOKEN,
        eventCallbackUrl: 'ftp://example.com/events',
      }),
    ).rejects.toThrow(/eventCallbackUrl/);
  });

  it('stops sending when the emulator closes, even with a delivery held', async () => {
    const { emulator: e, listener: l } = await start(() => new Promise<number>(() => undefined));

    await workers(e).get(workerAt(e, 0).sid).update({ attributes: '{}' });
    await workers(e).get(workerAt(e, 1).sid).update({ attributes: '{}' });
    await eventually(() => expect(l.received).toHaveLength(1));
    await e.close();
    await e.events.settled();

    expect(l.received).toHaveLength(1);
  });
});
