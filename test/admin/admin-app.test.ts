import request from 'supertest';
import { ALWAYS_OPEN, defaultQueueMetadata } from '../../src/metadata/queue-metadata.js';
import { ADMIN_TOKEN, BASE_URL, SAY, buildTestApp, twiml } from '../support/test-app.js';
import { csrfOf, sessionCookieOf } from './admin-router-app.js';
import { caller, demoQueues } from './demo-queues.js';

const PATH = '/admin/api/queues/customers/metadata';

/** Closed on Mondays in UTC, NOW's day. */
const closedToday = {
  ...defaultQueueMetadata('customers'),
  displayName: 'Customer service',
  weeklyHours: { ...ALWAYS_OPEN, monday: [] },
  closedMessage: 'We are closed on Mondays. Goodbye.',
};

async function loggedIn() {
  const built = buildTestApp({ snapshot: demoQueues });
  const login = await request(built.app)
    .post('/admin/login')
    .type('form')
    .set('Origin', BASE_URL)
    .send({ token: ADMIN_TOKEN });
  const cookie = sessionCookieOf(login.headers['set-cookie']) ?? '';
  const csrf = csrfOf((await request(built.app).get('/admin').set('Cookie', cookie)).text);
  const get = (path: string) => request(built.app).get(path).set('Cookie', cookie);
  const put = (body: unknown, ifMatch: string, token = csrf) =>
    request(built.app)
      .put(PATH)
      .set('Cookie', cookie)
      .set('Origin', BASE_URL)
      .set('X-CSRF-Token', token)
      .set('If-Match', ifMatch)
      .send(body as object);
  return { ...built, get, put };
}

describe('the admin API in the app (createApp: the real queue routes behind the session)', () => {
  it('GET /admin/api/queues lists the queues with opening state and estimate', async () => {
    const { get } = await loggedIn();
    const res = await get('/admin/api/queues');
    expect(res.status).toBe(200);
    const queues = (res.body as { queues: { name: string; open: boolean }[] }).queues;
    expect(queues.map((q) => [q.name, q.open])).toEqual([
      ['premium-customers', true],
      ['customers', true],
    ]);
  });

  it('a saved edit (CSRF token, If-Match) changes what the next caller hears at once', async () => {
    const { get, put, post } = await loggedIn();
    const read = await get(PATH);
    expect(read.headers.etag).toBe('"1"');
    const saved = await put(closedToday, '"1"');
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({ queue: 'customers', version: 2, metadata: closedToday });

    const call = await post('/voice/incoming?queue=customers', caller);
    expect(call.text).toBe(twiml(`${SAY}We are closed on Mondays. Goodbye.</Say><Hangup/>`));
  });

  it('an edit without the CSRF token changes nothing, and callers are still enqueued', async () => {
    const { get, put, post } = await loggedIn();
    const refused = await put(closedToday, '"1"', 'not-the-token');
    expect(refused.status).toBe(403);
    expect((await get(PATH)).body).toMatchObject({ version: 1 });
    const call = await post('/voice/incoming?queue=customers', caller);
    expect(call.text).toContain('<Enqueue');
  });

  it('answers an invalid edit with the problems by field, and a late one with 409 and the saved version', async () => {
    const { put } = await loggedIn();
    const invalid = await put(
      {
        ...closedToday,
        weeklyHours: { ...ALWAYS_OPEN, monday: [{ open: '09:00', close: '25:00' }] },
      },
      '"1"',
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({
      error: {
        code: 'INVALID_METADATA',
        problems: [{ field: 'weeklyHours.monday.0.close', message: expect.any(String) as string }],
      },
    });
    expect((await put(closedToday, '"1"')).status).toBe(200);
    const late = await put({ ...closedToday, displayName: 'Mine' }, '"1"');
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({
      error: { code: 'VERSION_CONFLICT', current: { version: 2, metadata: closedToday } },
    });
  });
});

describe('GET /favicon.ico', () => {
  it('answers a small icon browsers may cache, and logs no warning', async () => {
    const { app, logs } = buildTestApp({ snapshot: demoQueues });
    const res = await request(app).get('/favicon.ico');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.headers['cache-control']).toBe('public, max-age=86400');
    expect(String(res.body as Buffer)).toMatch(/^<svg /);
    expect(logs.filter((line) => line.level >= 40)).toEqual([]);
  });
});
