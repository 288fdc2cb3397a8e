import request from 'supertest';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { MemoryControlLog } from '../../src/outbound/control-log.js';
import { MemoryRepPresence } from '../../src/reps/rep-presence.js';
import { buildTestApp } from '../support/test-app.js';
import { contacts, execution, SETTINGS } from './campaign-fixtures.js';

const QUEUE = SETTINGS.targetQueue;
const ENV = { QUEUES: `${QUEUE},customers` };

/** The callee's side of an outbound call, as Twilio requests it. */
describe('outbound webhooks', () => {
  async function setUp() {
    const campaigns = await EmbeddedCampaignStore.open(undefined);
    await campaigns.create(execution('CE1'), contacts(1));
    await campaigns.setStatus('CE1', ['ready'], 'running', undefined);
    const [attempt] = await campaigns.claim('CE1', 1, 0);
    await campaigns.advance('CE1', attempt!.id, ['claimed'], { state: 'dialing', dialedAt: 0 });
    await campaigns.advance('CE1', attempt!.id, ['dialing'], { state: 'live', callSid: 'CA1' });
    const test = buildTestApp({
      env: ENV,
      outbound: {
        campaigns,
        control: new MemoryControlLog(),
        repPresence: new MemoryRepPresence(),
      },
    });
    const q = `campaign=CE1&attempt=${encodeURIComponent(attempt!.id)}`;
    return { ...test, campaigns, attemptId: attempt!.id, q };
  }

  it('a person who answers is put in the campaign queue, with two seconds for a rep', async () => {
    const { post, q } = await setUp();
    const answer = await post(`/outbound/answer?${q}`, {
      CallSid: 'CA1',
      CallStatus: 'in-progress',
    });
    expect(answer.text).toContain(
      `<Enqueue waitUrl="https://holdline.example.test/outbound/wait?${q.replace('&', '&amp;')}"`,
    );
    expect(answer.text).toContain(`>${QUEUE}</Enqueue>`);
    const wait = await post(`/outbound/wait?${q}`, { CallSid: 'CA1', QueuePosition: '1' });
    expect(wait.text).toContain('<Pause length="2"/><Leave/>');
  });

  it('taken by a rep at the <Queue url>: connected, whatever order the end reports come in', async () => {
    const { post, campaigns, attemptId, q } = await setUp();
    await post(`/outbound/answer?${q}`, { CallSid: 'CA1', CallStatus: 'in-progress' });

    await post(`/voice/dequeued?queue=${QUEUE}`, {
      CallSid: 'CA1',
      QueueTime: '1',
      QueueSid: 'QU1',
    });
    expect((await campaigns.attempt('CE1', attemptId))?.connectedAt).toBeDefined();
    // Completed first, the bridged result after: one disposition, connected.
    await post(`/outbound/status?${q}`, {
      CallSid: 'CA1',
      CallStatus: 'completed',
      CallDuration: '60',
    });
    await post(`/outbound/queue-result?${q}`, {
      CallSid: 'CA1',
      QueueResult: 'bridged',
      QueueTime: '1',
    });

    expect((await campaigns.dispositions('CE1')).map((d) => d.outcome)).toEqual(['connected']);
  });

  it('no rep in two seconds: the callee hears the message, and the attempt is abandoned once', async () => {
    const { post, campaigns, q } = await setUp();
    await post(`/outbound/answer?${q}`, { CallSid: 'CA1', CallStatus: 'in-progress' });

    const left = await post(`/outbound/queue-result?${q}`, {
      CallSid: 'CA1',
      QueueResult: 'leave',
      QueueTime: '2',
    });
    await post(`/outbound/status?${q}`, {
      CallSid: 'CA1',
      CallStatus: 'completed',
      CallDuration: '9',
    });
    await post(`/outbound/status?${q}`, {
      CallSid: 'CA1',
      CallStatus: 'completed',
      CallDuration: '9',
    });

    expect(left.text).toContain(SETTINGS.message);
    expect(left.text).toContain('<Hangup/>');
    expect((await campaigns.dispositions('CE1')).map((d) => d.outcome)).toEqual(['abandoned']);
  });

  it('a completed call waits for the queue result before it is judged', async () => {
    const { post, campaigns, attemptId, q } = await setUp();
    await post(`/outbound/answer?${q}`, { CallSid: 'CA1', CallStatus: 'in-progress' });
    await post(`/outbound/status?${q}`, {
      CallSid: 'CA1',
      CallStatus: 'completed',
      CallDuration: '60',
    });
    expect((await campaigns.attempt('CE1', attemptId))?.state).toBe('live');
    await post(`/outbound/queue-result?${q}`, {
      CallSid: 'CA1',
      QueueResult: 'bridged',
      QueueTime: '1',
    });
    expect((await campaigns.dispositions('CE1')).map((d) => d.outcome)).toEqual(['connected']);
  });

  it('an unsigned status changes nothing', async () => {
    const { app, campaigns, q } = await setUp();
    const response = await request(app)
      .post(`/outbound/status?${q}`)
      .type('form')
      .send({ CallSid: 'CA1', CallStatus: 'busy' });
    expect(response.status).toBe(400);
    expect(await campaigns.dispositions('CE1')).toEqual([]);
  });
});
