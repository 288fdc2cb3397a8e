import { findFreePort, runScript, useScratch, waitFor } from '../support/child-processes.js';

jest.setTimeout(60_000);

describe('the server with METRICS_PORT', () => {
  const scratch = useScratch('holdline-metrics-');

  it('serves /metrics on that port only, behind METRICS_TOKEN, with process metrics', async () => {
    const [port, metricsPort] = [await findFreePort(), await findFreePort()];
    const token = 'metrics-token-0123456789abcdef';
    const server = scratch.started(
      runScript('src/server.ts', [], {
        PORT: String(port),
        METRICS_PORT: String(metricsPort),
        METRICS_TOKEN: token,
        DATA_DIR: scratch.dir(),
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      }),
    );
    const { output } = server;
    await waitFor(() => output().includes('"msg":"metrics listening"'), 'the metrics listener');
    await waitFor(() => output().includes('"msg":"holdline listening"'), 'the server');

    const scrape = (at: number, bearer?: string) =>
      fetch(`http://127.0.0.1:${at}/metrics`, {
        headers: bearer === undefined ? {} : { Authorization: `Bearer ${bearer}` },
      });
    expect((await scrape(port, token)).status).toBe(404);
    expect((await scrape(metricsPort)).status).toBe(401);
    const res = await scrape(metricsPort, token);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(text).toContain('# TYPE holdline_poll_cycle_duration_seconds histogram');

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });
});
