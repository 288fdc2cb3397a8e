import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  openCompactedJournal,
  type BeforeCompactionStep,
  type CompactionStep,
} from '../../src/storage/compacted-journal.js';
import type { Journal } from '../../src/storage/journal.js';

const STEPS: CompactionStep[] = ['write-snapshot', 'replace-journal', 'open-journal'];

/** The state is the list of steps applied, so a step applied twice or lost shows. */
describe('a compacted journal', () => {
  let dir: string;
  const opened: Journal[] = [];
  const snapshotFile = () => path.join(dir, 'state', 'snapshot.json');
  const journalFile = () => path.join(dir, 'state', 'journal.jsonl');

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'holdline-compacted-'));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((j) => j.close()));
    await rm(dir, { recursive: true, force: true });
  });

  const open = async (beforeStep?: BeforeCompactionStep) => {
    const result = await openCompactedJournal<string[]>({
      snapshotFile: snapshotFile(),
      journalFile: journalFile(),
      restore: (snapshot) => (snapshot === undefined ? [] : [...(snapshot as string[])]),
      apply: (state, step) => void state.push(step as string),
      snapshot: (state) => state,
      ...(beforeStep === undefined ? {} : { beforeStep }),
    });
    opened.push(result.journal);
    return result;
  };
  const closeAll = () => Promise.all(opened.splice(0).map((j) => j.close()));
  /** Appends to the state and the journal together, as a store does. */
  const take = async (opened: { state: string[]; journal: Journal }, ...steps: string[]) => {
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
});
