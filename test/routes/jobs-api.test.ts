import request from 'supertest';
import { API_TOKEN, NOW, buildTestApp } from '../support/test-app.js';

const items = (n: number) => Array.from({ length: n }, (_, i) => `WK${i}`);

describe('GET /api/jobs and /api/jobs/{id}, POST /api/jobs/{id}/cancel', () => {
  it('shows a job’s progress: counts, times, ETA and failures with why', async () => {
    const { api, jobs } = buildTestApp();
    const job = await jobs.create(
      { kind: 'worker-eligibility', items: items(10), batchSize: 4 },
      NOW - 60_000,
    );
    const claim = await jobs.claim('runner', NOW - 30_000, 10_000);
    await jobs.complete(
      claim!,
      { done: 3, failures: [{ item: 'WK3', reason: 'HTTP 400' }] },
      NOW - 30_000,
    );

    const res = await api(`/api/jobs/${job.id}`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toEqual({
      id: job.id,
      kind: 'worker-eligibility',
      state: 'running',
      total: 10,
      done: 3,
      failed: 1,
      remaining: 6,
      startedAt: new Date(NOW - 60_000).toISOString(),
      finishedAt: null,
      // Four items in 60 s: the six left take 90 s more.
      eta: new Date(NOW + 90_000).toISOString(),
      failures: [{ item: 'WK3', reason: 'HTTP 400' }],
    });
    const list = (await api('/api/jobs')).body as { jobs: { id: string }[] };
    expect(list.jobs.map((j) => j.id)).toEqual([job.id]);
  });

  it('cancels a running job and says how it stands; 404 for a job it does not have', async () => {
    const { app, api, jobs } = buildTestApp();
    const job = await jobs.create(
      { kind: 'worker-eligibility', items: items(3), batchSize: 1 },
      NOW,
    );
    const res = await request(app)
      .post(`/api/jobs/${job.id}/cancel`)
      .set('Authorization', `Bearer ${API_TOKEN}`);
    expect(res.status).toBe(200);
    expect((res.body as { state: string }).state).toBe('cancelled');
    expect(await jobs.claim('runner', NOW, 1000)).toBeUndefined();
    const missing = await api('/api/jobs/no-such-job');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      error: { code: 'JOB_NOT_FOUND', message: 'No job "no-such-job"' },
    });
  });
});
