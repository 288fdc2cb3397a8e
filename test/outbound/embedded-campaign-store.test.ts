import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { T0, contacts, execution } from './campaign-fixtures.js';
import { campaignStoreContract } from './campaign-store.contract.js';
import { campaignWindowContract } from './campaign-window.contract.js';

describe('the embedded campaign store', () => {
  let dataDir: string;
  const opened: EmbeddedCampaignStore[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'holdline-outbound-'));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
    await rm(dataDir, { recursive: true, force: true });
  });

  const open = async () => {
    const store = await EmbeddedCampaignStore.open(dataDir);
    opened.push(store);
    return store;
  };

  describe('contract, journaled', () => {
    campaignStoreContract(open);
  });

  describe('contract, journaled, compacted after every change', () => {
    campaignStoreContract(async () => {
      const store = await EmbeddedCampaignStore.open(dataDir, { compactAboveBytes: 1 });
      opened.push(store);
      return store;
    });
  });

  describe('contract, memory only', () => {
    campaignStoreContract(() => EmbeddedCampaignStore.open(undefined));
  });

  describe('window contract, journaled', () => {
    campaignWindowContract(open);
  });

  describe('window contract, memory only', () => {
    campaignWindowContract(() => EmbeddedCampaignStore.open(undefined));
  });

  it('a restart finds every attempt where it was left: dialing stays dialing, released contacts are back', async () => {
    const first = await open();
    await first.create(execution(), contacts(3));
    await first.setStatus('CE1', ['ready'], 'running', undefined);
    const [a, b, c] = await first.claim('CE1', 3, T0);
    await first.advance('CE1', a!.id, ['claimed'], { state: 'dialing', dialedAt: T0 });
    await first.advance('CE1', b!.id, ['claimed'], { state: 'dialing', dialedAt: T0 });
    await first.advance('CE1', b!.id, ['dialing'], { state: 'live', callSid: 'CA1' });
    await first.release('CE1', c!.id, ['claimed'], T0);

    const second = await open();

    expect(await second.attempt('CE1', a!.id)).toMatchObject({ state: 'dialing', dialedAt: T0 });
    expect(await second.attempt('CE1', b!.id)).toMatchObject({ state: 'live', callSid: 'CA1' });
    expect(await second.get('CE1')).toMatchObject({
      status: 'running',
      counts: { remaining: 1, active: 2, dialed: 1 },
    });
    expect((await second.claim('CE1', 1, T0)).map((x) => x.id)).toEqual(['c3#2']);
  });

  it('a change that failed its compare-and-set is not journaled', async () => {
    const store = await open();
    await store.create(execution(), contacts(1));
    const before = await readFile(path.join(dataDir, 'outbound', 'journal.jsonl'), 'utf8');
    await store.setStatus('CE1', ['paused'], 'running', undefined);
    await store.claim('CE1', 5, T0);
    expect(await readFile(path.join(dataDir, 'outbound', 'journal.jsonl'), 'utf8')).toBe(before);
  });

  it('a line torn by a crash is cut off, and what follows is read back whole', async () => {
    const first = await open();
    await first.create(execution(), contacts(2));
    await first.close();
    opened.length = 0;
    const file = path.join(dataDir, 'outbound', 'journal.jsonl');
    await appendFile(file, '{"op":"setStatus","args":["CE1",["rea');

    const second = await open();
    expect((await second.get('CE1'))?.status).toBe('ready');
    await second.setStatus('CE1', ['ready'], 'running', undefined);
    const third = await open();
    expect((await third.get('CE1'))?.status).toBe('running');
  });

  describe('the legal window across a restart', () => {
    const HOUR = 3_600_000;
    const window = { connected: 1, abandoned: 1, machine: 1 };

    /** Three attempts ended in three hours: connected, abandoned, machine. */
    async function threeHours(store: EmbeddedCampaignStore): Promise<void> {
      await store.create(execution(), contacts(3));
      await store.setStatus('CE1', ['ready'], 'running', undefined);
      const [a, b, c] = await store.claim('CE1', 3, T0);
      await store.end('CE1', a!.id, { outcome: 'connected', at: T0 });
      await store.end('CE1', b!.id, { outcome: 'abandoned', at: T0 + HOUR });
      await store.end('CE1', c!.id, { outcome: 'machine', at: T0 + 2 * HOUR });
      await store.setPacingState('CE1', { dialLevel: 2, at: T0 + 2 * HOUR });
    }

    it('replayed from the journal, counts the same hours; the pacing state is the runner’s to write again', async () => {
      await threeHours(await open());
      const second = await open();
      expect(await second.outcomesSince('CE1', T0)).toEqual(window);
      expect(await second.outcomesSince('CE1', T0 + HOUR)).toEqual({ ...window, connected: 0 });
      expect((await second.get('CE1'))?.pacingState).toBeUndefined();
    });

    it('read from a snapshot, counts the same hours', async () => {
      const first = await EmbeddedCampaignStore.open(dataDir, { compactAboveBytes: 1 });
      opened.push(first);
      await threeHours(first);
      await first.close();
      opened.length = 0;
      await open(); // its start writes the book as the snapshot, the journal empty
      const snapshot = await readFile(path.join(dataDir, 'outbound', 'snapshot.json'), 'utf8');
      expect(snapshot).toContain('"outcomeHours"');
      expect(await (await open()).outcomesSince('CE1', T0)).toEqual(window);
    });

    it('a snapshot written before hours were counted has them rebuilt from the ended attempts', async () => {
      await threeHours(await open());
      await open(); // the snapshot now holds every step
      await Promise.all(opened.splice(0).map((s) => s.close()));
      const file = path.join(dataDir, 'outbound', 'snapshot.json');
      const saved = JSON.parse(await readFile(file, 'utf8')) as {
        state: { campaigns: { outcomeHours?: unknown }[] };
      };
      expect(saved.state.campaigns[0]?.outcomeHours).toBeDefined();
      delete saved.state.campaigns[0]!.outcomeHours;
      await writeFile(file, JSON.stringify(saved));
      const reopened = await open();
      expect(await reopened.outcomesSince('CE1', T0)).toEqual(window);
      expect(await reopened.outcomesSince('CE1', T0 + 2 * HOUR)).toEqual({
        connected: 0,
        abandoned: 0,
        machine: 1,
      });
    });
  });
});
