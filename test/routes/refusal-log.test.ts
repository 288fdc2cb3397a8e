import type { Server } from 'node:http';
import request from 'supertest';
import { API_TOKEN, NOW, buildTestApp, type LogLine } from '../support/test-app.js';

/** One listening server for a flood (supertest would open a server per request otherwise). */
async function flood(
  server: Server,
  count: number,
  send: (agent: ReturnType<typeof request>) => request.Test,
): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i += 1) statuses.push((await send(request(server))).status);
  return statuses;
}

const refusalLines = (logs: LogLine[], code: string) => logs.filter((l) => l.code === code);

describe('refused requests in the log', () => {
  let now = NOW;
  const clock = { now: () => now };
  let server: Server;
  let logs: LogLine[];

  beforeEach(() => {
    now = NOW;
    const built = buildTestApp({ clock, logLevel: 'info' });
    logs = built.logs;
    server = built.app.listen(0);
  });
  afterEach(() => new Promise((done) => server.close(done)));

  // A thousand requests: a loaded machine needs more than jest's default five seconds.
  it('1000 badly signed webhooks write a bounded number of short lines, then a count', async () => {
    const statuses = await flood(server, 1000, (agent) =>
      agent
        .post('/voice/wait?queue=customers')
        .type('form')
        .set('X-Twilio-Signature', 'bm90IGEgc2lnbmF0dXJl')
        .send({ CallSid: 'CA01', QueuePosition: '3' }),
    );
    expect(statuses.every((status) => status === 403)).toBe(true);
    expect(logs).toHaveLength(10);
    for (const line of logs) {
      expect(line).toEqual(
        expect.objectContaining({
          level: 40,
          code: 'SIGNATURE_INVALID',
          method: 'POST',
          path: '/voice/wait',
          status: 403,
          msg: 'X-Twilio-Signature does not match the request',
        }),
      );
      expect(line).not.toHaveProperty('err');
      expect(JSON.stringify(line)).not.toContain('stack');
      expect(JSON.stringify(line).length).toBeLessThan(400);
    }

    now += 60_000; // the window ends; the next refusal closes it
    await request(server).get('/api/queues');
    expect(logs[10]).toEqual(
      expect.objectContaining({
        level: 40,
        code: 'SIGNATURE_INVALID',
        suppressed: 990,
        msg: 'suppressed 990 refusals of kind SIGNATURE_INVALID',
      }),
    );
    expect(logs[11]).toEqual(expect.objectContaining({ code: 'UNAUTHORIZED', status: 401 }));
    expect(logs).toHaveLength(12);
  }, 30_000);

  it('samples each kind apart: a flood of one does not hide another', async () => {
    await flood(server, 50, (agent) => agent.get(`/no/such/${'x'.repeat(5000)}`));
    await flood(server, 50, (agent) => agent.post('/voice/incoming').type('form').send({}));
    await flood(server, 3, (agent) =>
      agent.get('/api/queues').set('Authorization', `Bearer ${API_TOKEN}x`),
    );
    expect(refusalLines(logs, 'NOT_FOUND')).toHaveLength(10);
    expect(refusalLines(logs, 'SIGNATURE_MISSING')).toHaveLength(10);
    expect(refusalLines(logs, 'UNAUTHORIZED')).toHaveLength(3);
    // A 5 kB path is not written whole, in the path field or in the message.
    for (const line of refusalLines(logs, 'NOT_FOUND')) {
      expect(JSON.stringify(line).length).toBeLessThan(400);
    }
  });

  it('a new window logs again', async () => {
    const unsigned = (agent: ReturnType<typeof request>) =>
      agent.post('/voice/incoming').type('form').send({});
    await flood(server, 15, unsigned);
    now += 60_000;
    await flood(server, 15, unsigned);
    const lines = refusalLines(logs, 'SIGNATURE_MISSING');
    expect(lines.filter((l) => l.suppressed === undefined)).toHaveLength(20);
    expect(lines.filter((l) => l.suppressed === 5)).toHaveLength(1);
  });
});
