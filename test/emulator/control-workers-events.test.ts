import request from 'supertest';
import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import {
  EMULATOR_ACCOUNT_SID,
  EMULATOR_AUTH_TOKEN,
  fixedClock,
  sdkFor,
} from '../support/emulator-sdk.js';
import { startEventListener } from './event-listener.js';

type Listener = Awaited<ReturnType<typeof startEventListener>>;

/** /__emulator/workers and /__emulator/events: what a test in another process steers with. */
describe('the /__emulator worker and event endpoints', () => {
  let emulator: Emulator;
  let listener: Listener;
  let control: ReturnType<typeof request>;
  beforeEach(async () => {
    listener = await startEventListener();
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
      workspace: { seed: 5, workerCount: 300 },
      clock: fixedClock,
      eventCallbackUrl: listener.url,
    });
    control = request(emulator.baseUrl);
  });
  afterEach(async () => {
    await emulator.close();
    await listener.close();
  });

  const firstSid = () => emulator.workspace.workers.list()[0]?.sid ?? '';

  describe('workers', () => {
    it('GET /workers answers every worker with parsed attributes, in one request', async () => {
      const res = await control.get('/__emulator/workers').expect(200);
      const body = res.body as {
        count: number;
        workers: { sid: string; attributes: { skills: string[] }; version: number }[];
      };

      expect(body.count).toBe(300);
      expect(body.workers.map((w) => w.sid)).toEqual(
        emulator.workspace.workers.list().map((w) => w.sid),
      );
      expect(body.workers[0]).toMatchObject({
        friendlyName: 'agent_0001',
        version: 0,
        attributes: { skills: expect.any(Array) as unknown[] },
      });
      expect(emulator.requests.counters.total).toBe(0);
    });

    it('GET /workers/writes counts the app’s worker updates by outcome; DELETE resets it', async () => {
      const api = sdkFor(emulator, { retryLimit: 0 }).client.taskrouter.v1.workspaces(
        emulator.workspaceSid,
      ).workers;
      emulator.faults.set({ writeRateLimit: { requestsPerSecond: 0.001, burst: 2 } });

      await api.get(firstSid()).update({ attributes: '{"a":1}' });
      await expect(api.get(firstSid()).update({ attributes: '[' })).rejects.toMatchObject({
        status: 400,
      });
      await expect(api.get(firstSid()).update({ attributes: '{}' })).rejects.toMatchObject({
        status: 429,
      });
      await control.patch(`/__emulator/workers/${firstSid()}`).send({ attributes: { b: 2 } });

      const res = await control.get('/__emulator/workers/writes').expect(200);
      expect(res.body).toEqual({
        attempts: 3,
        applied: 1,
        rateLimited: 1,
        refused: 1,
        failed: 0,
        appliedByWorker: { [firstSid()]: 1 },
      });
      await control.delete('/__emulator/workers/writes').expect(204);
      expect(emulator.workerWrites.attempts).toBe(0);
    });

    it('POST, PATCH and DELETE /workers change workers as an admin would', async () => {
      await control
        .post('/__emulator/workers')
        .send({ friendlyName: 'temp_agent', attributes: { skills: ['claims'] }, activity: 'Idle' })
        .expect(201);
      const patched = await control
        .patch('/__emulator/workers/TEMP_AGENT')
        .send({ attributes: '{"skills":["claims","sales"]}' })
        .expect(200);
      await control.delete('/__emulator/workers/temp_agent').expect(204);
      await control.delete('/__emulator/workers/temp_agent').expect(404);
      await emulator.events.settled();

      expect(patched.body).toMatchObject({
        activity: 'Idle',
        available: true,
        version: 1,
        attributes: { skills: ['claims', 'sales'] },
      });
      expect(listener.received.map((r) => r.params.EventType)).toEqual([
        'worker.created',
        'worker.attributes.update',
        'worker.deleted',
      ]);
    });

    it('refuses bad workers, naming the field', async () => {
      const tooBig = await control
        .post('/__emulator/workers')
        .send({ friendlyName: 'big', attributes: { notes: 'x'.repeat(5000) } })
        .expect(400);
      const taken = await control
        .post('/__emulator/workers')
        .send({ friendlyName: 'AGENT_0001' })
        .expect(400);

      expect((tooBig.body as { message: string }).message).toMatch(/attributes: .*4096/);
      expect((taken.body as { message: string }).message).toContain('friendlyName');
    });
  });

  describe('queues', () => {
    it('PUT /queues/:queue/target-workers replaces the expression the SDK then reads', async () => {
      await control
        .put('/__emulator/queues/customers/target-workers')
        .send({ targetWorkers: 'languages HAS "es"' })
        .expect(200);
      const sid = emulator.workspace.get('customers')?.taskQueueSid ?? '';
      const queue = await sdkFor(emulator)
        .client.taskrouter.v1.workspaces(emulator.workspaceSid)
        .taskQueues(sid)
        .fetch();

      expect(queue.targetWorkers).toBe('languages HAS "es"');
      expect(queue.dateUpdated.toISOString()).toBe('2026-11-23T10:00:00.000Z');
      await control
        .put('/__emulator/queues/nope/target-workers')
        .send({ targetWorkers: '1==1' })
        .expect(404);
      await control
        .put('/__emulator/queues/customers/target-workers')
        .send({ targetWorkers: '' })
        .expect(400);
    });
  });

  describe('events', () => {
    it('GET /events says where events go and what was sent', async () => {
      emulator.workspace.workers.update(firstSid(), { attributes: {} });
      await emulator.events.settled();

      const res = await control.get('/__emulator/events').expect(200);
      expect(res.body).toMatchObject({
        callbackUrl: listener.url,
        eventsFilter: null,
        counters: { emitted: 1, delivered: 1, pending: 0 },
        deliveries: [
          {
            eventType: 'worker.attributes.update',
            status: 'delivered',
            copy: 1,
            url: listener.url,
            attempts: [{ status: 204, error: null }],
          },
        ],
      });
    });

    it('POST /events emits an event on demand, from a resource or from parameters', async () => {
      await control
        .post('/__emulator/events')
        .send({ eventType: 'worker.attributes.update', resourceSid: firstSid() })
        .expect(201);
      await control
        .post('/__emulator/events')
        .send({ eventType: 'task.created', params: { TaskSid: `WT${'1'.repeat(32)}` } })
        .expect(201);
      await control
        .post('/__emulator/events')
        .send({ eventType: 'worker.created', resourceSid: `WK${'0'.repeat(32)}` })
        .expect(404);
      await control.post('/__emulator/events').send({ eventType: 'worker.created' }).expect(400);
      await control.get('/__emulator/events/settled').expect(200);

      expect(listener.received.map((r) => r.params)).toEqual([
        expect.objectContaining({ EventType: 'worker.attributes.update', WorkerSid: firstSid() }),
        expect.objectContaining({
          EventType: 'task.created',
          TaskSid: `WT${'1'.repeat(32)}`,
          AccountSid: EMULATOR_ACCOUNT_SID,
          WorkspaceSid: emulator.workspaceSid,
          Sid: expect.stringMatching(/^EV/) as string,
        }),
      ]);
    });

    it('POST /events/duplicates and /events/:sid/redeliver repeat deliveries', async () => {
      await control
        .post('/__emulator/events/duplicates')
        .send({ count: 2, copies: 3, eventType: 'worker.attributes.update' })
        .expect(204);
      emulator.workspace.add({ friendlyName: 'not-duplicated' });
      emulator.workspace.workers.update(firstSid(), { attributes: { n: 1 } });
      emulator.workspace.workers.update(firstSid(), { attributes: { n: 2 } });
      emulator.workspace.workers.update(firstSid(), { attributes: { n: 3 } });
      await control.get('/__emulator/events/settled').expect(200);
      const queueEventSid = listener.received[0]?.params.Sid ?? '';
      await control.post(`/__emulator/events/${queueEventSid}/redeliver`).expect(201);
      await control.post('/__emulator/events/EVnope/redeliver').expect(404);
      await control.get('/__emulator/events/settled').expect(200);

      expect(
        listener.received.map((r) => r.params.WorkerAttributes ?? r.params.TaskQueueName),
      ).toEqual([
        'not-duplicated',
        '{"n":1}',
        '{"n":1}',
        '{"n":1}',
        '{"n":2}',
        '{"n":2}',
        '{"n":2}',
        '{"n":3}',
        'not-duplicated',
      ]);
    });

    it('PUT /events sets the callback URL and filter; a bad URL changes nothing', async () => {
      await control
        .put('/__emulator/events')
        .send({ callbackUrl: 'ftp://example.com/x' })
        .expect(400);
      const res = await control
        .put('/__emulator/events')
        .send({ eventsFilter: ['task-queue.expression.updated'] })
        .expect(200);

      expect(res.body).toMatchObject({
        callbackUrl: listener.url,
        eventsFilter: ['task-queue.expression.updated'],
      });
      const state = await control.get('/__emulator/state').expect(200);
      expect(state.body).toMatchObject({
        workers: { count: 300 },
        events: { callbackUrl: listener.url, eventsFilter: ['task-queue.expression.updated'] },
      });
    });
  });
});
