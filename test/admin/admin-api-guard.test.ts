import request from 'supertest';
import { ORIGIN, buildAdminRouterApp, textOf } from './admin-router-app.js';

const metadata = { displayName: 'Customers' };

describe('/admin/api', () => {
  it('answers 401 UNAUTHORIZED as JSON without a session', async () => {
    const { app, calls } = buildAdminRouterApp();
    const get = await request(app).get('/admin/api/queues');
    expect(get.status).toBe(401);
    expect(get.body).toEqual({
      error: { code: 'UNAUTHORIZED', message: 'Log in to the admin page first' },
    });
    const put = await request(app)
      .put('/admin/api/queues/customers/metadata')
      .set('Origin', ORIGIN)
      .send(metadata);
    expect(put.status).toBe(401);
    expect(calls).toEqual([]);
  });

  it('says when the session has expired', async () => {
    const { app, login, advance } = buildAdminRouterApp();
    const { cookie } = await login();
    advance(12 * 3600 * 1000);
    const res = await request(app).get('/admin/api/queues').set('Cookie', cookie);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({
      error: { code: 'UNAUTHORIZED', message: 'The admin session has expired: log in again' },
    });
  });

  it('passes a GET with the session to the queue routes, mounted under /admin/api', async () => {
    const { app, login } = buildAdminRouterApp();
    const { cookie } = await login();
    const res = await request(app).get('/admin/api/queues').set('Cookie', cookie);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ fetchedAt: null, queues: [] });
  });

  it('passes a PUT with the session, the CSRF token and our Origin through, If-Match and body intact', async () => {
    const { app, login, calls } = buildAdminRouterApp();
    const { cookie, csrf } = await login();
    const res = await request(app)
      .put('/admin/api/queues/customers/metadata')
      .set('Cookie', cookie)
      .set('Origin', ORIGIN)
      .set('X-CSRF-Token', csrf)
      .set('If-Match', '"1"')
      .send(metadata);
    expect(res.status).toBe(200);
    expect(calls).toEqual([
      { method: 'PUT', path: '/queues/customers/metadata', ifMatch: '"1"', body: metadata },
    ]);
  });

  it('refuses a PUT without the CSRF token, or with a wrong one, with 403 CSRF_FAILED; nothing reaches the queue routes', async () => {
    const { app, login, calls, logs } = buildAdminRouterApp();
    const { cookie, csrf } = await login();
    const other = await login(); // another session's token is a wrong token here
    for (const token of [undefined, 'nope', other.csrf, `${csrf}x`]) {
      const put = request(app)
        .put('/admin/api/queues/customers/metadata')
        .set('Cookie', cookie)
        .set('If-Match', '"1"');
      const res = await (token === undefined ? put : put.set('X-CSRF-Token', token)).send(metadata);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({
        error: {
          code: 'CSRF_FAILED',
          message:
            'The request lacks a valid CSRF token or comes from another origin; reload the page',
        },
      });
    }
    expect(calls).toEqual([]);
    expect(
      logs.filter((l) => l.msg === 'admin API refused: missing or wrong CSRF token'),
    ).toHaveLength(4);
    expect(textOf(logs)).not.toContain(csrf);
  });

  it('refuses a PUT from another origin with 403 CSRF_FAILED, even with the right CSRF token', async () => {
    const { app, login, calls } = buildAdminRouterApp();
    const { cookie, csrf } = await login();
    const res = await request(app)
      .put('/admin/api/queues/customers/metadata')
      .set('Cookie', cookie)
      .set('Origin', 'https://evil.example')
      .set('X-CSRF-Token', csrf)
      .set('If-Match', '"1"')
      .send(metadata);
    expect(res.status).toBe(403);
    expect(res.body).toEqual({
      error: {
        code: 'CSRF_FAILED',
        message:
          'Requests from https://evil.example are refused; use the admin page at https://holdline.example.test/admin',
      },
    });
    expect(calls).toEqual([]);
  });

  it("answers the queue routes' errors and unknown paths as JSON with their codes", async () => {
    const { app, login } = buildAdminRouterApp();
    const { cookie } = await login();
    const boom = await request(app).get('/admin/api/boom').set('Cookie', cookie);
    expect(boom.status).toBe(404);
    expect(boom.body).toEqual({ error: { code: 'QUEUE_NOT_FOUND', message: 'No such queue' } });
    const missing = await request(app).get('/admin/api/nothing').set('Cookie', cookie);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      error: { code: 'NOT_FOUND', message: 'No admin API route for GET /admin/api/nothing' },
    });
  });
});
