import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmbeddedOptOutList } from '../../src/outbound/embedded-opt-out-list.js';
import { T0 } from './campaign-fixtures.js';
import { optOutListContract } from './opt-out-list.contract.js';

describe('the embedded opt-out list', () => {
  let dataDir: string;
  const opened: EmbeddedOptOutList[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'holdline-opt-outs-'));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((list) => list.close()));
    await rm(dataDir, { recursive: true, force: true });
  });

  const open = async () => {
    const list = await EmbeddedOptOutList.open(dataDir);
    opened.push(list);
    return list;
  };
  const journalFile = () => path.join(dataDir, 'outbound', 'opt-outs.jsonl');

  describe('contract, journaled', () => {
    optOutListContract(open);
  });

  describe('contract, memory only', () => {
    optOutListContract(() => EmbeddedOptOutList.open(undefined));
  });

  it('a restart finds every add and remove that resolved', async () => {
    const first = await open();
    await first.add('+14155550101', { source: 'keypress', at: T0 });
    await first.add('+14155550102', { source: 'api', at: T0 + 1 });
    await first.remove('+14155550101');

    const second = await open();

    expect(await second.has('+14155550101')).toBe(false);
    expect(await second.list({ limit: 10 })).toEqual({
      items: [{ phone: '+14155550102', source: 'api', at: T0 + 1 }],
    });
  });

  it('an add or remove that changes nothing writes nothing', async () => {
    const list = await open();
    await list.add('+14155550101', { source: 'api', at: T0 });
    const before = await readFile(journalFile(), 'utf8');

    await list.add('+14155550101', { source: 'keypress', at: T0 + 1 });
    await list.remove('+14155550199');

    expect(await readFile(journalFile(), 'utf8')).toBe(before);
  });

  it('a line torn by a crash is cut off, and what follows is read back whole', async () => {
    const first = await open();
    await first.add('+14155550101', { source: 'api', at: T0 });
    await first.close();
    opened.length = 0;
    await appendFile(journalFile(), '{"op":"add","phone":"+1415');

    const second = await open();
    expect(await second.list({ limit: 10 })).toEqual({
      items: [{ phone: '+14155550101', source: 'api', at: T0 }],
    });
    await second.add('+14155550102', { source: 'api', at: T0 });
    const third = await open();
    expect(await third.has('+14155550102')).toBe(true);
  });

  it('refuses to start on a journal damaged before its last line', async () => {
    const first = await open();
    await first.add('+14155550101', { source: 'api', at: T0 });
    await first.close();
    opened.length = 0;
    await appendFile(journalFile(), '{"op":"forget","phone":"+14155550101"}\n');

    await expect(EmbeddedOptOutList.open(dataDir)).rejects.toThrow(
      /entry 2 is not an opt-out step/,
    );
  });
});
