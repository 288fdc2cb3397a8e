import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { T0, contacts, execution } from './campaign-fixtures.js';
import { campaignStoreContract } from './campaign-store.contract.js';

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
});
