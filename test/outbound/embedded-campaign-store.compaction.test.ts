import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CampaignBook } from '../../src/outbound/campaign-book.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import type { CompactionStep } from '../../src/storage/compaction.js';
import { T0, contacts, execution } from './campaign-fixtures.js';

type Changes = Pick<
  CampaignBook,
  'create' | 'setStatus' | 'claim' | 'advance' | 'release' | 'end' | 'completeIfDone'
>;
/** The store's changes as the book's, awaited: the same script runs on either. */
type AnyChanges = {
  [K in keyof Changes]: (...args: Parameters<Changes[K]>) => unknown;
};

const CAMPAIGNS = ['CE1', 'CE2'];

/** Every kind of state there is: fresh, put back, released, dialing, live, ended, retried, calls. */
async function firstDay(target: AnyChanges): Promise<void> {
  await target.create(execution('CE1'), contacts(6));
  await target.create(execution('CE2'), contacts(2));
  await target.setStatus('CE1', ['ready'], 'running', {
    campaignId: 'CE1',
    event: 'started',
    at: T0,
  });
  await target.claim('CE1', 4, T0);
  await target.advance('CE1', 'c1#1', ['claimed'], { state: 'dialing', dialedAt: T0 });
  await target.advance('CE1', 'c1#1', ['dialing'], { state: 'live', callSid: 'CA1' });
  await target.end('CE1', 'c1#1', {
    outcome: 'busy',
    callStatus: 'busy',
    retryAt: T0 + 600_000,
    at: T0 + 5,
  });
  await target.advance('CE1', 'c2#1', ['claimed'], { state: 'dialing', dialedAt: T0 });
  await target.release('CE1', 'c3#1', ['claimed'], T0 + 1_000);
  await target.advance('CE1', 'c4#1', ['claimed'], { state: 'dialing', dialedAt: T0 });
  await target.advance('CE1', 'c4#1', ['dialing'], { state: 'live', callSid: 'CA2' });
  await target.advance('CE1', 'c4#1', ['live'], {
    state: 'live',
    answeredAt: T0 + 3,
    connectedAt: T0 + 4,
  });
  await target.end('CE1', 'c4#1', { outcome: 'connected', at: T0 + 9 });
  await target.claim('CE1', 1, T0 + 10);
  await target.advance('CE1', 'c5#1', ['claimed'], { state: 'dialing', dialedAt: T0 + 10 });
  await target.advance('CE1', 'c5#1', ['dialing'], { state: 'unknown' });
}

/** Goes on from `firstDay`: the put-back contacts come due, and the campaign runs to its end. */
async function secondDay(target: AnyChanges): Promise<void> {
  await target.advance('CE1', 'c2#1', ['dialing'], { state: 'live', callSid: 'CA3' });
  await target.end('CE1', 'c2#1', { outcome: 'no-answer', at: T0 + 20 });
  await target.end('CE1', 'c5#1', { outcome: 'failed', reason: 'lost', at: T0 + 21 });
  await target.claim('CE1', 10, T0 + 600_000);
  for (const id of ['c3#2', 'c6#1', 'c1#2']) {
    await target.end('CE1', id, { outcome: 'machine', callSid: `CA-${id}`, at: T0 + 600_001 });
  }
  await target.completeIfDone('CE1', T0 + 600_002);
}

/** Everything the store answers about the campaigns, for attempts of up to 3 tries each. */
async function observe(store: EmbeddedCampaignStore | CampaignBook) {
  const perCampaign = [];
  for (const id of CAMPAIGNS) {
    const attempts = [];
    for (const contact of contacts(6)) {
      for (let n = 1; n <= 3; n += 1) attempts.push(await store.attempt(id, `${contact.id}#${n}`));
    }
    const calls = [];
    for (const sid of ['CA1', 'CA2', 'CA3']) calls.push(await store.attemptOfCall(id, sid));
    perCampaign.push({
      record: await store.get(id),
      active: await store.active(id),
      attempts,
      calls,
      dispositions: await store.dispositions(id),
      queueEvents: await store.queueEvents(id),
    });
  }
  return { list: await store.list(), perCampaign };
}

describe('the embedded campaign store, compacted', () => {
  let dataDir: string;
  const opened: EmbeddedCampaignStore[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'holdline-compaction-'));
  });
  afterEach(async () => {
    await closeAll();
    await rm(dataDir, { recursive: true, force: true });
  });

  const closeAll = () => Promise.all(opened.splice(0).map((s) => s.close()));
  const open = async (beforeCompactionStep?: (step: CompactionStep) => void) => {
    const store = await EmbeddedCampaignStore.open(
      dataDir,
      beforeCompactionStep === undefined ? {} : { beforeCompactionStep },
    );
    opened.push(store);
    return store;
  };
  const journalLines = async () =>
    (await readFile(path.join(dataDir, 'outbound', 'journal.jsonl'), 'utf8')).split('\n').length -
    1;

  it('reopened from its snapshot, answers as the book that took the same changes, and goes on as it', async () => {
    const book = new CampaignBook();
    await firstDay(book);
    await firstDay(await open());
    await closeAll();
    expect(await journalLines()).toBeGreaterThan(10);

    const reopened = await open();
    expect(await journalLines()).toBe(1);
    expect(await observe(reopened)).toEqual(await observe(book));

    await secondDay(book);
    await secondDay(reopened);
    await closeAll();
    const third = await open();
    expect(await observe(third)).toEqual(await observe(book));
    expect((await third.get('CE1'))?.status).toBe('complete');
  });

  it('compacted while running, after every change, reopens as the book', async () => {
    const book = new CampaignBook();
    await firstDay(book);
    await secondDay(book);
    const store = await EmbeddedCampaignStore.open(dataDir, { compactAboveBytes: 1 });
    opened.push(store);
    await firstDay(store);
    await secondDay(store);
    await closeAll();
    const snapshot = JSON.parse(
      await readFile(path.join(dataDir, 'outbound', 'snapshot.json'), 'utf8'),
    ) as { generation: number };
    // Not after each change: a compaction also waits for the journal to outgrow the snapshot.
    expect(snapshot.generation).toBeGreaterThan(1);
    expect(await observe(await open())).toEqual(await observe(book));
  });

  describe.each<CompactionStep>(['write-snapshot', 'replace-journal', 'open-journal'])(
    'a compaction stopped before %s, as by a crash',
    (stopAt) => {
      it('opens next time to the same state, and goes on as the book', async () => {
        const book = new CampaignBook();
        await firstDay(book);
        await firstDay(await open());
        await closeAll();

        const crash = new Error(`crash before ${stopAt}`);
        await expect(
          open((step) => {
            if (step === stopAt) throw crash;
          }),
        ).rejects.toBe(crash);

        const reopened = await open();
        expect(await observe(reopened)).toEqual(await observe(book));
        await secondDay(book);
        await secondDay(reopened);
        await closeAll();
        expect(await observe(await open())).toEqual(await observe(book));
      });
    },
  );
});
