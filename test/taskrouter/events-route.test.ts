import request from 'supertest';
import { signTwilioRequest } from '../../src/twilio-webhook/sign.js';
import { BASE_URL, buildTestApp } from '../support/test-app.js';

const WORKER = `WK${'1'.repeat(32)}`;
const QUEUE = `WQ${'2'.repeat(32)}`;

/** An event callback as TaskRouter posts it (TaskRouter Events reference). */
const attributesUpdated = {
  EventType: 'worker.attributes.update',
  Sid: `EV${'3'.repeat(32)}`,
  AccountSid: `AC${'0'.repeat(32)}`,
  WorkspaceSid: `WS${'4'.repeat(32)}`,
  ResourceType: 'Worker',
  ResourceSid: WORKER,
  Timestamp: '1795460000',
  WorkerSid: WORKER,
  WorkerAttributes: '{"skills":["billing"]}',
};

describe('POST /taskrouter/events', () => {
  it('answers 204 at once and hands the event on', async () => {
    const { post, taskRouterEvents } = buildTestApp();
    const res = await post('/taskrouter/events', attributesUpdated);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(taskRouterEvents).toEqual([
      {
        type: 'worker.attributes.update',
        key: attributesUpdated.Sid,
        workerSid: WORKER,
        attributes: '{"skills":["billing"]}',
      },
    ]);
  });

  it('reads a worker’s attributes whole, up to TaskRouter’s 4 KB', async () => {
    const { post, taskRouterEvents } = buildTestApp();
    const attributes = JSON.stringify({ notes: 'n'.repeat(4_000) });
    await post('/taskrouter/events', { ...attributesUpdated, WorkerAttributes: attributes });
    expect(taskRouterEvents[0]).toMatchObject({ attributes });
  });

  it('a repeated delivery is acknowledged and does nothing, with or without an event Sid', async () => {
    const { post, taskRouterEvents, logs } = buildTestApp();
    await post('/taskrouter/events', attributesUpdated);
    expect((await post('/taskrouter/events', attributesUpdated)).status).toBe(204);
    const withoutSid: Record<string, string> = { ...attributesUpdated, Timestamp: '1795460001' };
    delete withoutSid.Sid;
    await post('/taskrouter/events', withoutSid);
    await post('/taskrouter/events', withoutSid);
    expect(taskRouterEvents).toHaveLength(2);
    expect(logs.filter((l) => l.msg === 'taskrouter event already taken')).toHaveLength(2);
  });

  it('when the work cannot be started, answers 503 EVENT_NOT_TAKEN and takes the retry', async () => {
    let failures = 1;
    const { post, taskRouterEvents } = buildTestApp({
      eventListener: () => {
        if (failures-- > 0) return Promise.reject(new Error('store away'));
        return Promise.resolve();
      },
    });
    const first = await post('/taskrouter/events', attributesUpdated);
    expect(first.status).toBe(503);
    expect(first.body).toEqual({
      error: {
        code: 'EVENT_NOT_TAKEN',
        message: 'The event could not be taken now; send it again',
      },
    });
    expect((await post('/taskrouter/events', attributesUpdated)).status).toBe(204);
    expect((await post('/taskrouter/events', attributesUpdated)).status).toBe(204);
    expect(taskRouterEvents).toHaveLength(2); // the failed delivery, then its retry; not the repeat
  });

  it('reads queue events with their expression; other event types are taken and ignored', async () => {
    const { post, taskRouterEvents } = buildTestApp();
    await post('/taskrouter/events', {
      EventType: 'task-queue.expression.updated',
      Sid: `EV${'5'.repeat(32)}`,
      ResourceSid: QUEUE,
      TaskQueueSid: QUEUE,
      TaskQueueName: 'customers',
      TaskQueueTargetExpression: 'skills HAS "support"',
    });
    await post('/taskrouter/events', {
      EventType: 'reservation.created',
      Sid: `EV${'6'.repeat(32)}`,
    });
    expect(taskRouterEvents).toEqual([
      {
        type: 'task-queue.expression.updated',
        key: `EV${'5'.repeat(32)}`,
        queueSid: QUEUE,
        queueName: 'customers',
        expression: 'skills HAS "support"',
      },
      { type: 'ignored', key: `EV${'6'.repeat(32)}`, eventType: 'reservation.created' },
    ]);
  });

  it('refuses an event it cannot read with a JSON error, handing nothing on', async () => {
    const { post, taskRouterEvents } = buildTestApp();
    const res = await post('/taskrouter/events', { Sid: `EV${'7'.repeat(32)}` });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: { code: 'INVALID_PARAMETER', message: 'EventType is missing' },
    });
    const noQueue = await post('/taskrouter/events', { EventType: 'task-queue.deleted' });
    expect(noQueue.status).toBe(400);
    expect(taskRouterEvents).toEqual([]);
  });

  it('refuses an unsigned or wrongly signed delivery (403), handing nothing on', async () => {
    const { app, taskRouterEvents } = buildTestApp();
    const forged = await request(app)
      .post('/taskrouter/events')
      .type('form')
      .set(
        'X-Twilio-Signature',
        signTwilioRequest('not-the-token', `${BASE_URL}/taskrouter/events`, attributesUpdated),
      )
      .send(attributesUpdated);
    expect(forged.status).toBe(403);
    const unsigned = await request(app)
      .post('/taskrouter/events')
      .type('form')
      .send(attributesUpdated);
    expect(unsigned.status).toBe(400);
    expect(taskRouterEvents).toEqual([]);
  });
});
