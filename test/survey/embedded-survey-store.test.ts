import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmbeddedSurveyStore } from '../../src/survey/embedded-survey-store.js';
import { surveyStoreContract, T0 } from './survey-store.contract.js';

describe('the embedded survey store', () => {
  let dataDir: string;
  let now = T0;
  const opened: EmbeddedSurveyStore[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'holdline-surveys-'));
    now = T0;
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await rm(dataDir, { recursive: true, force: true });
  });
  const open = async () => {
    const store = await EmbeddedSurveyStore.open(dataDir, { clock: { now: () => now } });
    opened.push(store);
    return store;
  };

  describe('contract, journaled', () => {
    surveyStoreContract(open);
  });

  describe('contract, memory only', () => {
    surveyStoreContract(() => Promise.resolve(EmbeddedSurveyStore.inMemory()));
  });

  it('a restart finds surveys, replies and opt-outs as they were', async () => {
    const first = await open();
    await first.noteTake('CA1', 'CArep', T0);
    await first.schedule({
      callSid: 'CA1',
      queue: 'customers',
      phone: '+14155550101',
      createdAt: T0,
      dueAt: T0,
    });
    await first.schedule({
      callSid: 'CA2',
      queue: 'customers',
      phone: '+14155550102',
      createdAt: T0,
      dueAt: T0 + 5,
    });
    await first.claimDue(T0, 1);
    await first.settle('CA1', { status: 'sent', messageSid: 'SM1', at: T0 + 1 });
    await first.respond('CA1', { score: 5, comment: 'great', at: T0 + 2 });
    await first.optOut('+14155550103', T0);
    await first.close();
    opened.length = 0;

    const again = await open();
    expect(await again.get('CA1')).toEqual({
      callSid: 'CA1',
      queue: 'customers',
      phone: '+14155550101',
      repCallSid: 'CArep',
      createdAt: T0,
      dueAt: T0,
      status: 'sent',
      messageSid: 'SM1',
      sentAt: T0 + 1,
      score: 5,
      comment: 'great',
      respondedAt: T0 + 2,
    });
    expect(await again.latestSent('+14155550101', T0 + 10)).toMatchObject({ callSid: 'CA1' });
    expect(await again.isOptedOut('+14155550103')).toBe(true);
    expect((await again.claimDue(T0 + 5, 10)).map((s) => s.callSid)).toEqual(['CA2']);
  });

  it('a restart compacts: surveys older than 30 days go, opt-outs stay', async () => {
    const first = await open();
    await first.schedule({
      callSid: 'CA1',
      queue: 'q',
      phone: '+14155550101',
      createdAt: T0,
      dueAt: T0,
    });
    await first.schedule({
      callSid: 'CA2',
      queue: 'q',
      phone: '+14155550102',
      createdAt: T0 + 20 * 86_400_000,
      dueAt: T0,
    });
    await first.optOut('+14155550103', T0);
    await first.close();
    opened.length = 0;
    now = T0 + 31 * 86_400_000;

    const again = await open();
    expect(await again.get('CA1')).toBeUndefined();
    expect(await again.get('CA2')).toMatchObject({ callSid: 'CA2' });
    expect(await again.isOptedOut('+14155550103')).toBe(true);
    expect(await readFile(path.join(dataDir, 'survey', 'surveys.jsonl'), 'utf8')).not.toContain(
      '"schedule"',
    );
  });
});
