import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CompactedJournal } from '../../src/storage/compacted-journal.js';
import type { BeforeCompactionStep, CompactionStep } from '../../src/storage/compaction.js';

const STEPS: CompactionStep[] = ['write-snapshot', 'replace-journal', 'open-journal'];

/** The state is the list of steps applied, so a step applied twice or lost shows. */
describe('a compacted journal', () => {
  let dir: string;
  const opened: CompactedJournal[] = [];
  const snapshotFile = () => path.join(dir, 'state', 'snapshot.json');
  const journalFile = () => path.join(dir, 'state', 'journal.jsonl');

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'holdline-compacted-'));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((j) => j.close()));
    await rm(dir, { recursive: true, force: true });
  });

  const open = async (beforeStep?: BeforeCompactionStep, compactAboveBytes?: number) => {
    const result = await CompactedJournal.open<string[]>({
      snapshotFile: snapshotFile(),
      journalFile: journalFile(),
      restore: (snapshot) => (snapshot === undefined ? [] : [...(snapshot as string[])]),
      apply: (state, step) => void state.push(step as string),
      snapshot: (state) => state,
      beforeStep,
      compactAboveBytes,
    });
    opened.push(result.journal);
    return result;
  };
  const closeAll = () => Promise.all(opened.splice(0).map((j) => j.close()));
  /** Appends to the state and the journal together, as a store does. */
  const take = async (
    opened: { state: string[]; journal: CompactedJournal },
    ...steps: string[]
  ) => {
    for (const step of steps) {
      opened.state.push(step);
      await opened.journal.append(step);
    }
  };
  const journalLines = async () => (await readFile(journalFile(), 'utf8')).split('\n').slice(0, -1);

  it('on open writes the state as a snapshot and starts the journal again, naming it', async () => {
    await take(await open(), 'a', 'b');
    const second = await open();
    expect(second.state).toEqual(['a', 'b']);
    expect(JSON.parse(await readFile(snapshotFile(), 'utf8'))).toEqual({
      generation: 1,
      state: ['a', 'b'],
    });
    expect(await journalLines()).toEqual(['{"follows":1}']);

    await take(second, 'c');
    expect((await open()).state).toEqual(['a', 'b', 'c']);
    expect(JSON.parse(await readFile(snapshotFile(), 'utf8'))).toMatchObject({ generation: 2 });
  });

  it('a journal with no steps since its snapshot is left as it is', async () => {
    await take(await open(), 'a');
    await open();
    const snapshot = await readFile(snapshotFile(), 'utf8');
    expect((await open()).state).toEqual(['a']);
    expect(await readFile(snapshotFile(), 'utf8')).toBe(snapshot);
  });

  it('reads a journal from before compaction (no snapshot, no first line naming one)', async () => {
    await mkdir(path.dirname(journalFile()), { recursive: true });
    await writeFile(journalFile(), '"a"\n"b"\n');
    expect((await open()).state).toEqual(['a', 'b']);
  });

  describe.each(STEPS)('a compaction stopped before %s, as by a crash', (stopAt) => {
    it('leaves files that open to the same state, each step once, and go on from there', async () => {
      await take(await open(), 'a', 'b');
      await closeAll();
      // Snapshot 1 holds a and b; the journal following it, c and d.
      await take(await open(), 'c', 'd');
      await closeAll();

      const crash = new Error(`crash before ${stopAt}`);
      await expect(
        open((step) => {
          if (step === stopAt) throw crash;
        }),
      ).rejects.toBe(crash);
      // A write that a crash cut short, beside the file it was to replace.
      const target = stopAt === 'write-snapshot' ? snapshotFile() : journalFile();
      await writeFile(`${target}.999.abcdef.tmp`, '{"generation":');

      const reopened = await open();
      expect(reopened.state).toEqual(['a', 'b', 'c', 'd']);
      expect((await readdir(path.dirname(snapshotFile()))).sort()).toEqual([
        'journal.jsonl',
        'snapshot.json',
      ]);
      await take(reopened, 'e');
      expect((await open()).state).toEqual(['a', 'b', 'c', 'd', 'e']);
    });
  });

  it('stopped between the snapshot and the new journal, the old journal is there and skipped', async () => {
    await take(await open(), 'a', 'b');
    await open();
    await take(await open(), 'c');
    await closeAll();
    await expect(
      open((step) => {
        if (step === 'replace-journal') throw new Error('crash');
      }),
    ).rejects.toThrow('crash');
    // Snapshot 2 holds a, b, c; the journal still follows snapshot 1 and holds c.
    expect(JSON.parse(await readFile(snapshotFile(), 'utf8'))).toEqual({
      generation: 2,
      state: ['a', 'b', 'c'],
    });
    expect(await journalLines()).toEqual(['{"follows":1}', '"c"']);
    expect((await open()).state).toEqual(['a', 'b', 'c']);
  });

  it('refuses a journal that follows a newer snapshot than the one on disk', async () => {
    await take(await open(), 'a');
    await open();
    await rm(snapshotFile());
    await expect(open()).rejects.toThrow('follows snapshot 1, but');
  });

  describe('while running, past compactAboveBytes', () => {
    const generation = async () =>
      (JSON.parse(await readFile(snapshotFile(), 'utf8')) as { generation: number }).generation;

    it('compacts, and the steps appended meanwhile land in the new journal, each once', async () => {
      // Past 1 byte: every append starts a compaction, and the next ones wait for it.
      const running = await open(undefined, 1);
      const letters = 'abcdefghij'.split('');
      await take(running, ...letters.slice(0, 5));
      await Promise.all(
        letters.slice(5).map((step) => {
          running.state.push(step);
          return running.journal.append(step);
        }),
      );
      await closeAll();
      expect(await generation()).toBeGreaterThanOrEqual(5);
      expect((await open()).state).toEqual(letters);
    });

    it('waits for the journal to outgrow the last snapshot too, so snapshots cost no more than steps', async () => {
      const running = await open(undefined, 1);
      await take(running, 'x'.repeat(1_000));
      await closeAll();
      const afterFirst = await generation();
      const again = await open(undefined, 1);
      await take(again, 'a', 'b', 'c');
      await closeAll();
      expect(await generation()).toBe(afterFirst);
      expect(await journalLines()).toEqual([`{"follows":${afterFirst}}`, '"a"', '"b"', '"c"']);
    });

    describe.each(STEPS)('stopped before %s, as by a crash', (stopAt) => {
      it('fails every append after, and the files open to exactly the steps whose append resolved', async () => {
        let compactions = 0;
        const running = await open((step) => {
          if (step === 'write-snapshot') compactions += 1;
          if (compactions === 3 && step === stopAt) throw new Error('crash');
        }, 1);
        const resolved: string[] = [];
        const rejected: string[] = [];
        for (const step of 'abcdefgh'.split('')) {
          running.state.push(step);
          await running.journal.append(step).then(
            () => resolved.push(step),
            () => rejected.push(step),
          );
        }
        expect(rejected.length).toBeGreaterThan(0);
        expect(resolved).toEqual('abcdefgh'.split('').slice(0, resolved.length));
        await closeAll();
        expect((await open()).state).toEqual(resolved);
      });
    });
  });
});
