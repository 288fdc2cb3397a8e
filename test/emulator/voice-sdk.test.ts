import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import {
  EMULATOR_ACCOUNT_SID,
  EMULATOR_AUTH_TOKEN,
  fixedClock,
  getJson,
  sdkFor,
} from '../support/emulator-sdk.js';

describe('Programmable Voice Queues through the Twilio SDK', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
      workspace: { queueCount: 5, seed: 11 },
      clock: fixedClock,
    });
    emulator.workspace.setLive('premium-customers', {
      waitingCallers: 4,
      longestWaitSeconds: 120,
      averageWaitSeconds: 45,
    });
  });
  afterEach(() => emulator.close());

  it('lists every Voice queue across pages, in order, with the live numbers', async () => {
    const { client } = sdkFor(emulator);

    const queues = await client.api.v2010
      .accounts(emulator.accountSid)
      .queues.list({ pageSize: 2 });

    expect(queues.map((q) => q.sid)).toEqual(emulator.workspace.list().map((q) => q.voiceQueueSid));
    expect(emulator.requests.count()).toBe(3);
    const premium = queues.find((q) => q.friendlyName === 'premium-customers');
    expect(premium).toMatchObject({ currentSize: 4, averageWaitTime: 45, maxSize: 1000 });
    expect(premium?.dateCreated).toBeInstanceOf(Date);
    expect(Number.isNaN(premium?.dateCreated.getTime())).toBe(false);
  });

  it('gives the TaskRouter queue and the Voice queue the same name', async () => {
    const { client } = sdkFor(emulator);

    const voice = await client.api.v2010.accounts(emulator.accountSid).queues.list();
    const taskrouter = await client.taskrouter.v1
      .workspaces(emulator.workspaceSid)
      .taskQueues.list();

    expect(voice.map((q) => q.friendlyName)).toEqual(taskrouter.map((q) => q.friendlyName));
  });

  it('fetches one Voice queue by SID', async () => {
    const { client } = sdkFor(emulator);
    const sid = emulator.workspace.get('premium-customers')?.voiceQueueSid ?? '';

    const queue = await client.api.v2010.accounts(emulator.accountSid).queues(sid).fetch();

    expect(queue).toMatchObject({ sid, friendlyName: 'premium-customers', currentSize: 4 });
    expect(queue.uri).toBe(`/2010-04-01/Accounts/${emulator.accountSid}/Queues/${sid}.json`);
  });

  it('sees a queue added between calls, and not one removed', async () => {
    const { client } = sdkFor(emulator);
    const before = await client.api.v2010.accounts(emulator.accountSid).queues.list();

    emulator.workspace.add({ friendlyName: 'overflow' });
    emulator.workspace.remove('customers');
    const after = await client.api.v2010.accounts(emulator.accountSid).queues.list();

    expect(before.map((q) => q.friendlyName)).toContain('customers');
    expect(after.map((q) => q.friendlyName)).not.toContain('customers');
    expect(after[after.length - 1]?.friendlyName).toBe('overflow');
  });

  it('answers 2010-style paging with relative URIs that carry the page token', async () => {
    const path = `/2010-04-01/Accounts/${emulator.accountSid}/Queues.json`;

    const first = await getJson(emulator, `${path}?PageSize=2`);
    const nextUri = String(first.body.next_page_uri);
    const second = await getJson(emulator, nextUri);

    expect(first.body).toMatchObject({
      page: 0,
      page_size: 2,
      start: 0,
      end: 1,
      previous_page_uri: null,
    });
    expect(first.body.uri).toBe(`${path}?PageSize=2&Page=0`);
    expect(first.body.first_page_uri).toBe(`${path}?PageSize=2&Page=0`);
    expect(nextUri).toMatch(new RegExp(`^${path}\\?PageSize=2&Page=1&PageToken=PA`));
    expect(second.body).toMatchObject({ page: 1, start: 2, end: 3 });
    expect(String(second.body.previous_page_uri)).toMatch(/Page=0&PageToken=PB/);
    const previous = await getJson(emulator, String(second.body.previous_page_uri));
    expect((previous.body.queues as { sid: string }[]).map((q) => q.sid)).toEqual(
      (first.body.queues as { sid: string }[]).map((q) => q.sid),
    );
  });

  it('does not know another account, or an unknown queue', async () => {
    const { client } = sdkFor(emulator);

    await expect(
      client.api.v2010.accounts(`AC${'f'.repeat(32)}`).queues.list(),
    ).rejects.toMatchObject({
      status: 404,
      code: 20404,
    });
    await expect(
      client.api.v2010
        .accounts(emulator.accountSid)
        .queues(`QU${'0'.repeat(32)}`)
        .fetch(),
    ).rejects.toMatchObject({ status: 404, code: 20404 });
  });
});
