import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileCallbackStore } from '../../src/callbacks/file-callback-store.js';
import { aliceRequest, callbackStoreContract } from './callback-store.contract.js';

describe('the embedded callback store', () => {
  let dataDir: string;
  const opened: FileCallbackStore[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'holdline-callbacks-'));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await rm(dataDir, { recursive: true, force: true });
  });

  const open = async () => {
    const store = await FileCallbackStore.open(dataDir);
    opened.push(store);
    return store;
  };

  describe('contract, journaled under DATA_DIR (a restart reopens the files)', () => {
    callbackStoreContract(open, open);
  });

  it('a torn last line (a crash mid-append) is forgiven; the rest is kept', async () => {
    const store = await open();
    await store.request(aliceRequest);
    await store.close();
    opened.length = 0;
    await appendFile(path.join(dataDir, 'callbacks', 'callbacks.jsonl'), '{"id":"cb-CA9","que');

    const restarted = await open();
    expect((await restarted.list()).map((c) => c.id)).toEqual([
      'cb-CA00000000000000000000000000000001',
    ]);
  });

  it('a damaged line in the middle stops the start', async () => {
    const store = await open();
    await store.request(aliceRequest);
    await store.close();
    opened.length = 0;
    const file = path.join(dataDir, 'callbacks', 'callbacks.jsonl');
    await appendFile(file, '{"id":"not a callback"}\n');
    const firstLine = (await readFile(file, 'utf8')).split('\n')[0] as string;
    await appendFile(file, `${firstLine}\n`);

    await expect(FileCallbackStore.open(dataDir)).rejects.toThrow(
      /callbacks\.jsonl: entry 2 is not a callback/,
    );
  });
});
