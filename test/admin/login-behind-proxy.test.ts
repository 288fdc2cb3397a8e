import request from 'supertest';
import { ADMIN_TOKEN, BASE_URL, buildTestApp } from '../support/test-app.js';

/**
 * The app as createApp builds it, reached the way a router (the Procfile's, a load balancer)
 * reaches it: every connection comes from loopback, and the client is named in
 * X-Forwarded-For. supertest connects from 127.0.0.1, which plays the proxy.
 */
const CLIENT_A = '203.0.113.5';
const CLIENT_B = '198.51.100.7';

function loginAs(app: Parameters<typeof request>[0], client: string, token: string) {
  return request(app)
    .post('/admin/login')
    .type('form')
    .set('Origin', BASE_URL)
    .set('X-Forwarded-For', client)
    .send({ token });
}

describe('POST /admin/login behind a proxy', () => {
  it('with TRUST_PROXY=loopback, one client’s 10 wrong tokens lock out that client only', async () => {
    const { app, logs } = buildTestApp({ env: { TRUST_PROXY: 'loopback' } });
    for (let i = 0; i < 10; i += 1) {
      expect((await loginAs(app, CLIENT_A, `guess-${i}`)).status).toBe(401);
    }

    expect((await loginAs(app, CLIENT_A, ADMIN_TOKEN)).status).toBe(429);
    const other = await loginAs(app, CLIENT_B, ADMIN_TOKEN);
    expect(other.status).toBe(303);
    expect(other.headers.location).toBe('/admin');
    // The log names the clients, not the proxy.
    const ips = logs.filter((line) => line.msg.startsWith('admin log')).map((line) => line.ip);
    expect(new Set(ips)).toEqual(new Set([CLIENT_A, CLIENT_B]));
  });

  it('with TRUST_PROXY=2, believes two proxies’ entries only: a client cannot spoof its address', async () => {
    const { app } = buildTestApp({ env: { TRUST_PROXY: '2' } });
    // Two proxies: the outer one (10.0.0.2) appended the client it saw, the inner one (the
    // connection's peer) appended the outer one. The client forged the first entry itself.
    const via = (forged: string, client: string) => `${forged}, ${client}, 10.0.0.2`;
    for (let i = 0; i < 10; i += 1) {
      expect((await loginAs(app, via(`10.9.9.${i}`, CLIENT_A), `guess-${i}`)).status).toBe(401);
    }

    expect((await loginAs(app, via('10.9.9.99', CLIENT_A), ADMIN_TOKEN)).status).toBe(429);
    expect((await loginAs(app, via('10.9.9.1', CLIENT_B), ADMIN_TOKEN)).status).toBe(303);
  });

  it('without TRUST_PROXY, ignores X-Forwarded-For: every client behind the proxy is one', async () => {
    const { app, logs } = buildTestApp();
    for (let i = 0; i < 10; i += 1) {
      expect((await loginAs(app, CLIENT_A, `guess-${i}`)).status).toBe(401);
    }

    expect((await loginAs(app, CLIENT_B, ADMIN_TOKEN)).status).toBe(429);
    const ips = new Set(logs.filter((line) => line.msg.startsWith('admin log')).map((l) => l.ip));
    // The proxy's own address, one bucket for everyone.
    expect([...ips]).toEqual([expect.stringMatching(/127\.0\.0\.1|::1/)]);
  });
});
