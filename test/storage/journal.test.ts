import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Journal } from '../../src/storage/journal.js';

describe('Journal', () => {
  let dir: string;
  let file: string;
  const opened: Journal[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'holdline-journal-'));
    file = path.join(dir, 'nested', 'steps.jsonl');
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((j) => j.close()));
    await rm(dir, { recursive: true, force: true });
  });

  const open = async () => {
    const result = await Journal.open(file);
    opened.push(result.journal);
    return result;
  };

  it('reads back every entry appended, in order, a burst included', async () => {
    const { journal } = await open();
    await Promise.all(Array.from({ length: 50 }, (_, i) => journal.append({ i })));
    await journal.append({ i: 50 });
    const { entries } = await open();
    expect(entries).toEqual(Array.from({ length: 51 }, (_, i) => ({ i })));
  });

  it('drops a last line torn by a crash, keeps the entries before it, and appends after them', async () => {
    const { journal } = await open();
    await journal.append({ i: 1 });
    await journal.append({ i: 2 });
    await appendFile(file, '{"i":3,"half');

    const second = await open();
    expect(second.entries).toEqual([{ i: 1 }, { i: 2 }]);
    expect(await readFile(file, 'utf8')).toBe('{"i":1}\n{"i":2}\n');
    await second.journal.append({ i: 4 });
    expect((await open()).entries).toEqual([{ i: 1 }, { i: 2 }, { i: 4 }]);
  });

  it('drops a torn last line that happens to parse: without its newline its append never resolved', async () => {
    const { journal } = await open();
    await journal.append({ i: 1 });
    await appendFile(file, '12');
    expect((await open()).entries).toEqual([{ i: 1 }]);
  });

  it('refuses a journal damaged before its last line', async () => {
    const { journal } = await open();
    await journal.append({ i: 1 });
    await appendFile(file, '{"i":\n{"i":3}\n');
    await expect(Journal.open(file)).rejects.toThrow('entry 2 is not JSON');
  });
});
