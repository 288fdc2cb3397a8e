import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmbeddedSurveyStore } from '../../src/survey/embedded-survey-store.js';
import { surveyStoreContract, T0 } from './survey-store.contract.js';

describe('the embedded survey store', () => {
  let dataDir: string;
  const opened: EmbeddedSurveyStore[] = [];

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'holdline-surveys-'));
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()));
    await rm(dataDir, { recursive: true, force: true });
  });
  const open = async () => {
    const store = await EmbeddedSurveyStore.open(dataDir);
    opened.push(store);
    return store;
  };

  describe('contract, journaled', () => {
    surveyStoreContract(open);
  });

  describe('contract, memory only', () => {
    surveyStoreContract(() => EmbeddedSurveyStore.open(undefined));
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
});
