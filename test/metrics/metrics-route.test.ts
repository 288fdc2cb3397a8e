import request from 'supertest';
import { createMetricsApp } from '../../src/http/metrics-route.js';
import { captureLogger } from '../support/capture-logger.js';
import { API_TOKEN, NOW, buildTestApp } from '../support/test-app.js';

const PRODUCTION = {
  TWILIO_ACCOUNT_SID: `AC${'0'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: 'production-auth-token',
};
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

describe('GET /metrics', () => {
  describe('in production with METRICS_TOKEN', () => {
    const { app } = buildTestApp({ env: { ...PRODUCTION, METRICS_TOKEN } });

    it('without a token answers 401 in JSON, naming the scheme', async () => {
      const res = await request(app).get('/metrics');

      expect(res.status).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer realm="holdline"');
      expect(res.body).toEqual({
        error: { code: 'UNAUTHORIZED', message: 'A valid bearer token is required' },
      });
    });

    it('with another token (the API token) answers 401', async () => {
      const res = await request(app).get('/metrics').set('Authorization', `Bearer ${API_TOKEN}`);

      expect(res.status).toBe(401);
    });

    it('with the token answers the Prometheus text format', async () => {
      const res = await request(app)
        .get('/metrics')
        .set('Authorization', `Bearer ${METRICS_TOKEN}`);

      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(res.text).toContain('# TYPE holdline_webhook_duration_seconds histogram');
      expect(res.text).toContain('# TYPE holdline_twilio_rest_attempts_total counter');
    });
  });

  it('in production with neither METRICS_TOKEN nor METRICS_PORT is not served (404)', async () => {
    const { app } = buildTestApp({ env: PRODUCTION });

    const res = await request(app).get('/metrics').set('Authorization', `Bearer ${API_TOKEN}`);

    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('in demo mode is served with the demo API token, and only with it', async () => {
    const { app } = buildTestApp();

    expect((await request(app).get('/metrics')).status).toBe(401);
    const res = await request(app).get('/metrics').set('Authorization', `Bearer ${API_TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain('holdline_poll_stale_queues');
  });

  describe('with METRICS_PORT', () => {
    const built = buildTestApp({ env: { ...PRODUCTION, METRICS_PORT: '9464', METRICS_TOKEN } });
    const metricsApp = createMetricsApp(
      {
        metrics: built.metrics,
        jobs: built.jobs,
        clock: { now: () => NOW },
        logger: captureLogger('info').logger,
      },
      METRICS_TOKEN,
    );

    it('the main app does not serve it, even with the token', async () => {
      const res = await request(built.app)
        .get('/metrics')
        .set('Authorization', `Bearer ${METRICS_TOKEN}`);

      expect(res.status).toBe(404);
    });

    it("the metrics listener serves the app's metrics behind the token, and nothing else", async () => {
      built.metrics.duplicatesDropped.inc({ source: 'probe' });

      expect((await request(metricsApp).get('/metrics')).status).toBe(401);
      const res = await request(metricsApp)
        .get('/metrics')
        .set('Authorization', `Bearer ${METRICS_TOKEN}`);
      expect(res.status).toBe(200);
      expect(res.text).toMatch(
        /^holdline_duplicate_deliveries_dropped_total\{source="probe"\} 1$/m,
      );
      expect((await request(metricsApp).get('/healthz')).status).toBe(404);
    });

    it('reports jobs by state from the job store', async () => {
      await built.jobs.create({ kind: 'test', items: ['a', 'b'], batchSize: 1 }, NOW);

      const res = await request(metricsApp)
        .get('/metrics')
        .set('Authorization', `Bearer ${METRICS_TOKEN}`);

      expect(res.text).toMatch(/^holdline_jobs\{state="running"\} 1$/m);
      expect(res.text).toMatch(/^holdline_jobs\{state="done"\} 0$/m);
    });
  });
});
