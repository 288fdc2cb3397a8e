import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runScript, useScratch } from '../support/child-processes.js';
import { TEST_REDIS_URL, describeWithRedis, useRedis } from '../support/redis.js';

jest.setTimeout(60_000);

/** The worker's start-up failing for real, as a supervisor sees it: exit code and output. */
describeWithRedis('the worker process', () => {
  const redis = useRedis();
  const scratch = useScratch('holdline-worker-');

  it('when start-up fails, exits 1 with one line saying why, not an unhandled rejection', async () => {
    // Demo mode keeps its token under DATA_DIR; a DATA_DIR inside a plain file cannot hold it.
    const file = path.join(scratch.dir(), 'a-file');
    await writeFile(file, '');
    const worker = scratch.started(
      runScript('src/worker.ts', [], {
        DATA_DIR: path.join(file, 'data'),
        REDIS_URL: TEST_REDIS_URL,
        REDIS_KEY_PREFIX: redis.freshPrefix(),
        LOG_LEVEL: 'silent',
      }),
    );

    expect(await worker.exited).toBe(1);
    expect(worker.output()).toMatch(/^holdline worker failed to start: Error: ENOTDIR[^\n]*\n$/);
  });
});

describe('the worker process without REDIS_URL', () => {
  const scratch = useScratch('holdline-worker-');

  it('exits 2 and says the web process polls by itself', async () => {
    const worker = scratch.started(
      runScript('src/worker.ts', [], { DATA_DIR: path.join(scratch.dir(), 'data') }),
    );

    expect(await worker.exited).toBe(2);
    expect(worker.output()).toContain('REDIS_URL: required by the worker process');
  });
});
