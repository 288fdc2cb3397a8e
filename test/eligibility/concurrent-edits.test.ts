import { ELIGIBILITY_JOBS, MAX_WRITE_ATTEMPTS } from '../../src/eligibility/eligibility-jobs.js';
import { eventually } from '../support/eventually.js';
import {
  attributesOf,
  expectedEligibility,
  KEY,
  startEligibilityHarness,
  type EligibilityHarness,
} from './eligibility-harness.js';

const WORKSPACE = { seed: 21, workerCount: 6, queueCount: 4 };

/** One worker's job, as an event would start it, with the queues known as a sync leaves them. */
async function judgeWorker(h: EligibilityHarness, workerSid: string): Promise<void> {
  await h.cache.replaceQueues(
    new Map(h.emulator.workspace.list().map((q) => [q.taskQueueSid, q.targetWorkers ?? '1==0'])),
  );
  await h.jobs.create(
    { kind: ELIGIBILITY_JOBS.worker, items: [workerSid], batchSize: 1, params: {} },
    Date.now(),
  );
  await h.settled();
}

describe('eligibility writes against a worker someone else edits meanwhile', () => {
  let h: EligibilityHarness | undefined;
  afterEach(() => h?.close());

  it('keeps an edit made between our read and our write, and adds our list to it', async () => {
    h = await startEligibilityHarness(WORKSPACE);
    const { emulator } = h;
    const worker = emulator.workspace.workers.list()[0];
    if (worker === undefined) throw new Error('no workers');
    const path = `/v1/Workspaces/${emulator.workspaceSid}/Workers/${worker.sid}`;
    // Our write is held at TaskRouter long enough for another writer to get in after our read.
    emulator.faults.script({ kind: 'delay', ms: 1_000, method: 'POST', match: `${path}$` });
    const edited = { ...attributesOf(emulator, worker.sid), note: 'set by a supervisor' };

    const job = judgeWorker(h, worker.sid);
    await eventually(() => {
      expect(h?.emulator.requests.entries.some((e) => e.method === 'GET' && e.path === path)).toBe(
        true,
      );
    });
    emulator.workspace.workers.update(worker.sid, { attributes: edited });
    await job;

    expect(attributesOf(emulator, worker.sid)).toEqual({
      ...edited,
      [KEY]: expectedEligibility(emulator, edited),
    });
    expect(emulator.workerWrites).toMatchObject({ attempts: 2, applied: 1, refused: 1 });
    expect(await h.newest(ELIGIBILITY_JOBS.worker)).toMatchObject({ done: 1, failed: 0 });
    expect((await h.cache.workers()).get(worker.sid)).toBe(
      emulator.workspace.workers.get(worker.sid)?.attributes,
    );
  });

  it('gives up on a worker that changes before every write, with the reason, leaving it as edited', async () => {
    let edits = 0;
    h = await startEligibilityHarness(WORKSPACE, {
      // Another writer edits the worker right after each of our reads.
      around: (workers, emulator) => ({
        ...workers,
        async fetchWorker(sid) {
          const read = await workers.fetchWorker(sid);
          edits += 1;
          emulator.workspace.workers.update(sid, { attributes: { edits } });
          return read;
        },
      }),
    });
    const worker = h.emulator.workspace.workers.list()[1];
    if (worker === undefined) throw new Error('no workers');

    await judgeWorker(h, worker.sid);

    expect(edits).toBe(MAX_WRITE_ATTEMPTS);
    expect(attributesOf(h.emulator, worker.sid)).toEqual({ edits: MAX_WRITE_ATTEMPTS });
    expect(h.emulator.workerWrites).toMatchObject({
      attempts: MAX_WRITE_ATTEMPTS,
      applied: 0,
      refused: MAX_WRITE_ATTEMPTS,
    });
    const job = await h.newest(ELIGIBILITY_JOBS.worker);
    expect(job).toMatchObject({ done: 0, failed: 1 });
    expect(job?.failures[0]?.reason).toMatch(
      /changed between our read and our write 5 times in a row/,
    );
  });
});
