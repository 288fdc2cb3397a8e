import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileVoicemailStore } from '../../src/voicemail/file-voicemail-store.js';
import { aliceCall, aliceRecording, voicemailStoreContract } from './voicemail-store.contract.js';

describe('the embedded voicemail store', () => {
  let dataDir: string;
  const opened: FileVoicemailStore[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'holdline-voicemails-'));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await rm(dataDir, { recursive: true, force: true });
  });

  const open = async () => {
    const store = await FileVoicemailStore.open(dataDir);
    opened.push(store);
    return store;
  };
  const journalFile = () => path.join(dataDir, 'voicemails', 'voicemails.jsonl');

  describe('contract, journaled under DATA_DIR (a restart reopens the files)', () => {
    voicemailStoreContract(open, open);
  });

  describe('contract, in memory (no DATA_DIR)', () => {
    let memory: FileVoicemailStore;
    voicemailStoreContract(
      async () => (memory = await FileVoicemailStore.open(undefined)),
      // Nothing outlives the process without DATA_DIR: the same store stands in for a restart.
      () => Promise.resolve(memory),
    );
  });

  it('journals one whole record per change, and none for a change that changed nothing', async () => {
    const store = await open();
    await store.request(aliceCall);
    await store.request(aliceCall);
    await store.saveRecording({ ...aliceCall, recording: aliceRecording });
    await store.saveRecording({ ...aliceCall, recording: aliceRecording });
    await store.markDone('vm-CA00000000000000000000000000000001', aliceRecording.receivedAt + 1);
    await store.close();

    const lines = (await readFile(journalFile(), 'utf8')).trim().split('\n');
    expect(lines.map((line) => (JSON.parse(line) as { state: string }).state)).toEqual([
      'requested',
      'new',
      'done',
    ]);
  });

  it('a torn last line (a crash mid-append) is forgiven; the rest is kept', async () => {
    const store = await open();
    await store.request(aliceCall);
    await store.close();
    opened.length = 0;
    await appendFile(journalFile(), '{"id":"vm-CA9","que');

    const restarted = await open();
    expect((await restarted.list()).map((v) => v.id)).toEqual([
      'vm-CA00000000000000000000000000000001',
    ]);
  });

  it('a damaged line in the middle stops the start', async () => {
    const store = await open();
    await store.request(aliceCall);
    await store.close();
    opened.length = 0;
    await appendFile(journalFile(), '{"id":"not a voicemail"}\n');
    const firstLine = (await readFile(journalFile(), 'utf8')).split('\n')[0] as string;
    await appendFile(journalFile(), `${firstLine}\n`);

    await expect(FileVoicemailStore.open(dataDir)).rejects.toThrow(
      /voicemails\.jsonl: entry 2 is not a voicemail/,
    );
  });
});
