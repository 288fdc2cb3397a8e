import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { openTypedJournal } from '../../src/storage/typed-journal.js';

const stepSchema = z.object({ n: z.number() });
/** The descriptors this process holds open (Linux): a leaked file handle shows here. */
const openDescriptors = async () => (await readdir('/proc/self/fd')).length;

describe('a journal of typed entries (openTypedJournal)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'holdline-typed-journal-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('returns the entries read, and a journal to append to', async () => {
    const file = path.join(dir, 'steps.jsonl');
    await writeFile(file, '{"n":1}\n{"n":2}\n{"n":');
    const { journal, entries } = await openTypedJournal(file, stepSchema, 'a step');
    expect(entries).toEqual([{ n: 1 }, { n: 2 }]);
    await journal.append({ n: 3 });
    await journal.close();
    const again = await openTypedJournal(file, stepSchema, 'a step');
    expect(again.entries).toHaveLength(3);
    await again.journal.close();
  });

  it('damage before the last line: refuses, naming the entry, and leaves no file open', async () => {
    const file = path.join(dir, 'steps.jsonl');
    await writeFile(file, '{"n":1}\n{"n":"two"}\n{"n":3}\n');
    const before = await openDescriptors();

    await expect(openTypedJournal(file, stepSchema, 'a step')).rejects.toThrow(
      `${file}: entry 2 is not a step`,
    );
    expect(await openDescriptors()).toBe(before);
  });
});
