import { ELIGIBILITY_JOBS } from '../../src/eligibility/eligibility-jobs.js';
import { createWorkspaceWorkers } from '../../src/eligibility/workspace-workers.js';
import { compileExpression } from '../../src/taskrouter/expression/index.js';
import { sdkFor } from '../support/emulator-sdk.js';
import {
  attributesOf,
  expectedEligibility,
  KEY,
  startEligibilityHarness,
  type EligibilityHarness,
} from './eligibility-harness.js';

const DAY_MS = 24 * 3600 * 1000;

describe('worker eligibility, kept in the workers’ attributes', () => {
  let h: EligibilityHarness;
  let original: Map<string, Record<string, unknown>>;
  beforeEach(async () => {
    h = await startEligibilityHarness({ seed: 21, workerCount: 40, queueCount: 6 });
    original = new Map(
      h.emulator.workspace.workers.list().map((w) => [w.sid, attributesOf(h.emulator, w.sid)]),
    );
  });
  afterEach(() => h.close());

  const workerSids = () => h.emulator.workspace.workers.list().map((w) => w.sid);

  /** Every worker holds its original attributes plus the list the emulator's data calls for. */
  function expectEveryWorkerRight(): void {
    for (const sid of workerSids()) {
      const before = original.get(sid) ?? {};
      expect(attributesOf(h.emulator, sid)).toEqual({
        ...before,
        [KEY]: expectedEligibility(h.emulator, before),
      });
    }
  }

  async function synced(): Promise<void> {
    expect(await h.eligibility.syncIfDue(DAY_MS)).toBe(true);
    await h.settled();
  }

  it('a full sync writes every worker’s eligible queues and keeps every other attribute', async () => {
    await synced();

    expectEveryWorkerRight();
    expect(await h.newest(ELIGIBILITY_JOBS.sync)).toMatchObject({ state: 'done', done: 1 });
    expect(await h.newest(ELIGIBILITY_JOBS.worker)).toMatchObject({
      state: 'done',
      total: 40,
      done: 40,
      failed: 0,
    });
    expect(h.emulator.workerWrites.applied).toBe(40);
    // Some workers match several queues, some none: the fixture is not trivially uniform.
    const lengths = new Set(
      workerSids().map((sid) => (attributesOf(h.emulator, sid)[KEY] as string[]).length),
    );
    expect(lengths.size).toBeGreaterThan(1);
  });

  it('is not due again within the resync period; a sync by hand writes nothing already right', async () => {
    await synced();
    expect(await h.eligibility.syncIfDue(DAY_MS)).toBe(false);

    await h.eligibility.syncNow();
    await h.settled();

    expect(h.emulator.workerWrites.applied).toBe(40);
    expect(await h.newest(ELIGIBILITY_JOBS.worker)).toMatchObject({
      total: 40,
      done: 40,
      failed: 0,
    });
  });

  it('an expression change fetches and writes only the workers whose match flips', async () => {
    await synced();
    const queue = h.emulator.workspace.list()[2];
    if (queue === undefined) throw new Error('no queue');
    const before = compileExpression(queue.targetWorkers ?? '1==0');
    const after = compileExpression('languages HAS "en"');
    const flipped = workerSids().filter(
      (sid) => before.matches(original.get(sid)) !== after.matches(original.get(sid)),
    );
    expect(flipped.length).toBeGreaterThan(0);
    expect(flipped.length).toBeLessThan(40);
    h.emulator.clearRequests();

    h.emulator.workspace.setTargetWorkers(queue.taskQueueSid, after.text);
    await h.eligibility.listener({
      type: 'task-queue.expression.updated',
      key: 'EV-expression',
      queueSid: queue.taskQueueSid,
      queueName: queue.friendlyName,
      expression: after.text,
    });
    await h.settled();
    const workerJob = await h.newest(ELIGIBILITY_JOBS.worker);

    expect(workerJob).toMatchObject({
      kind: ELIGIBILITY_JOBS.worker,
      total: flipped.length,
      done: flipped.length,
    });
    const fetched = h.emulator.requests.entries
      .filter((entry) => entry.method === 'GET' && /\/Workers\/WK/.test(entry.path))
      .map((entry) => entry.path.split('/').pop());
    expect(fetched.sort()).toEqual([...flipped].sort());
    expectEveryWorkerRight();
    expect((await h.cache.queues()).get(queue.taskQueueSid)).toBe(after.text);
  });

  it('a deleted queue leaves the lists of the workers who had it, and only theirs', async () => {
    await synced();
    const queue = h.emulator.workspace.list()[0];
    if (queue === undefined) throw new Error('no queue');
    const members = workerSids().filter((sid) =>
      (attributesOf(h.emulator, sid)[KEY] as string[]).includes(queue.taskQueueSid),
    );
    expect(members.length).toBeGreaterThan(0);

    h.emulator.workspace.remove(queue.taskQueueSid);
    await h.eligibility.listener({
      type: 'task-queue.deleted',
      key: 'EV-deleted',
      queueSid: queue.taskQueueSid,
      queueName: queue.friendlyName,
    });
    await h.settled();
    const workerJob = await h.newest(ELIGIBILITY_JOBS.worker);

    expect(workerJob).toMatchObject({ total: members.length, done: members.length });
    expectEveryWorkerRight();
    expect((await h.cache.queues()).has(queue.taskQueueSid)).toBe(false);
  });

  it('the echo of its own write starts nothing; a worker’s own change is judged and written', async () => {
    await synced();
    const sid =
      workerSids().find((s) => (attributesOf(h.emulator, s)[KEY] as string[]).length > 0) ?? '';
    const jobsBefore = (await h.jobs.list(Date.now())).length;

    await h.eligibility.listener({
      type: 'worker.attributes.update',
      key: 'EV-echo',
      workerSid: sid,
      attributes: JSON.stringify(attributesOf(h.emulator, sid)),
    });
    expect(await h.jobs.list(Date.now())).toHaveLength(jobsBefore);

    // A supervisor strips the worker's skills: it is eligible for nothing now.
    const stripped = { contact_uri: 'client:stripped', [KEY]: attributesOf(h.emulator, sid)[KEY] };
    h.emulator.workspace.workers.update(sid, { attributes: stripped });
    await h.eligibility.listener({
      type: 'worker.attributes.update',
      key: 'EV-change',
      workerSid: sid,
      attributes: JSON.stringify(stripped),
    });
    await h.settled();
    const job = await h.newest(ELIGIBILITY_JOBS.worker);

    expect(job).toMatchObject({ kind: ELIGIBILITY_JOBS.worker, total: 1, done: 1 });
    expect(attributesOf(h.emulator, sid)).toEqual({
      contact_uri: 'client:stripped',
      [KEY]: expectedEligibility(h.emulator, { contact_uri: 'client:stripped' }),
    });
  });

  it('a list that would pass 4 KB is not written: the worker keeps its attributes, the job says why', async () => {
    const donor =
      workerSids().find((sid) => expectedEligibility(h.emulator, original.get(sid)).length > 0) ??
      '';
    const base = { ...original.get(donor), notes: '' };
    const padding = 4_080 - Buffer.byteLength(JSON.stringify(base));
    const big = h.emulator.workspace.workers.add({
      friendlyName: 'big_attributes',
      attributes: { ...base, notes: 'x'.repeat(padding) },
    });
    const text = big.attributes;

    await synced();

    expect(h.emulator.workspace.workers.get(big.sid)?.attributes).toBe(text);
    const workerJob = await h.newest(ELIGIBILITY_JOBS.worker);
    expect(workerJob).toMatchObject({ total: 41, done: 40, failed: 1 });
    expect(workerJob?.failures).toEqual([
      {
        item: big.sid,
        reason: expect.stringMatching(
          /^not written: \d+ eligible queues? would make the attributes \d+ bytes, over TaskRouter's 4096$/,
        ) as string,
      },
    ]);
  });

  it('a worker deleted before its turn is done, not failed, and leaves the cache', async () => {
    await synced();
    const [sid] = workerSids();
    h.emulator.workspace.workers.remove(sid ?? '');
    const client = sdkFor(h.emulator).client;
    const handle = h.eligibility.handlers(
      createWorkspaceWorkers({
        reads: client,
        writes: client,
        workspaceSid: h.emulator.workspaceSid,
      }),
    )[ELIGIBILITY_JOBS.worker];

    await expect(
      handle?.(sid ?? '', { params: {}, signal: new AbortController().signal }),
    ).resolves.toBeUndefined();
    expect((await h.cache.workers()).has(sid ?? '')).toBe(false);
  });

  it('with a fifth of the worker requests failing (500/503), every worker still ends right', async () => {
    h.emulator.faults.set({ serverErrorShare: 0.2, pathPattern: '/Workers', seed: 7 });

    await synced();

    expectEveryWorkerRight();
    expect(await h.newest(ELIGIBILITY_JOBS.worker)).toMatchObject({ done: 40, failed: 0 });
    // The faults did happen: the retries carried every worker through them.
    const refused = h.emulator.requests.entries.filter((e) => e.status === 500 || e.status === 503);
    expect(refused.length).toBeGreaterThan(5);
  });
});
