import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  findFreePort,
  killIfRunning,
  runScript,
  waitFor,
  type RunningProcess,
} from '../support/child-processes.js';
import { TEST_REDIS_URL, describeWithRedis, useRedis } from '../support/redis.js';

jest.setTimeout(90_000);

/** Lines a process logged with this message (pino JSON on stdout). */
function logLines(process: RunningProcess, msg: string): Record<string, unknown>[] {
  return process
    .output()
    .split('\n')
    .filter((line) => line.includes(`"msg":"${msg}"`))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/**
 * The many-process deployment for real: two `worker` processes and a `web` process sharing a
 * Redis. One worker polls; when it is killed, the other takes over within the lock's ttl and
 * the web process keeps serving fresh stats it never fetched itself.
 */
describeWithRedis('web and worker processes over Redis', () => {
  const redis = useRedis();
  let dataDir: string;
  const started: RunningProcess[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'holdline-many-'));
  });
  afterAll(async () => {
    for (const process of started) killIfRunning(process);
    await Promise.all(started.map((process) => process.exited));
    await rm(dataDir, { recursive: true, force: true });
  });

  it('one worker polls, another takes over when it dies, and web serves what they wrote', async () => {
    const port = await findFreePort();
    const env = {
      DATA_DIR: dataDir,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: redis.freshPrefix(),
      QUEUE_STATS_REFRESH_SECONDS: '1',
      API_TOKEN: 'many-processes-api-token',
      LOG_LEVEL: 'info',
    };
    const first = runScript('src/worker.ts', [], env);
    started.push(first);
    await waitFor(() => logLines(first, 'stats cycle').length > 0, 'the first worker to poll');
    // At debug level the second says each time it finds the lock held.
    const second = runScript('src/worker.ts', [], { ...env, LOG_LEVEL: 'debug' });
    started.push(second);
    const web = runScript('src/server.ts', [], {
      ...env,
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    });
    started.push(web);
    await waitFor(() => web.output().includes('"msg":"holdline listening"'), 'the web process');

    // Only the first polls: the second competes, is refused twice (a renewal period apart),
    // and is never elected while the first lives.
    await waitFor(
      () => logLines(second, 'leader lock: held by another').length >= 2,
      'the second worker to be refused the lock twice',
      20_000,
    );
    expect(logLines(second, 'leader lock: elected')).toHaveLength(0);
    expect(logLines(second, 'stats cycle')).toHaveLength(0);
    expect(logLines(web, 'stats cycle')).toHaveLength(0); // web processes never poll with Redis

    const api = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/api/queues`, {
        headers: { Authorization: 'Bearer many-processes-api-token' },
      });
      return (await res.json()) as {
        fetchedAt: string;
        queues: { name: string; stale: boolean }[];
      };
    };
    const before = await api();
    expect(before.queues.map((q) => q.name).sort()).toEqual(['customers', 'premium-customers']);

    first.child.kill('SIGKILL');
    await waitFor(
      () => logLines(second, 'stats cycle').length > 0,
      'the second worker to take over',
      20_000,
    );
    const after = await api();
    expect(Date.parse(after.fetchedAt)).toBeGreaterThan(Date.parse(before.fetchedAt));
    expect(after.queues.every((q) => !q.stale)).toBe(true);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain('"msg":"worker stopped"');
  });
});
