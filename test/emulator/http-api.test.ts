import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import {
  EMULATOR_ACCOUNT_SID,
  EMULATOR_AUTH_TOKEN,
  basicAuth,
  fixedClock,
  getJson,
} from '../support/emulator-sdk.js';

/** The wire format itself: paging links, parameter checks, error bodies, link bases. */
describe('the emulator’s HTTP API', () => {
  let emulator: Emulator;
  let tq: string;
  beforeEach(async () => {
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
      workspace: { queueCount: 7, seed: 21 },
      clock: fixedClock,
    });
    tq = `/v1/Workspaces/${emulator.workspaceSid}/TaskQueues`;
  });
  afterEach(() => emulator.close());

  const meta = (body: Record<string, unknown>) =>
    body.meta as Record<string, string | number | null>;

  describe('v1 paging', () => {
    it('echoes PageSize, every filter, Page and a PageToken in next_page_url, on Twilio’s host', async () => {
      const { body } = await getJson(
        emulator,
        `${tq}/Statistics?PageSize=3&Minutes=30&SplitByWaitTime=30,60&TaskChannel=voice`,
      );

      const next = new URL(String(meta(body).next_page_url));
      expect(next.origin).toBe('https://taskrouter.twilio.com');
      expect(next.pathname).toBe(`${tq}/Statistics`);
      expect(Object.fromEntries(next.searchParams)).toEqual({
        Minutes: '30',
        TaskChannel: 'voice',
        SplitByWaitTime: '30,60',
        PageSize: '3',
        Page: '1',
        PageToken: expect.stringMatching(/^PA/) as string,
      });
      expect(meta(body)).toMatchObject({
        page: 0,
        page_size: 3,
        key: 'task_queues_statistics',
        previous_page_url: null,
      });
      expect(meta(body).first_page_url).toBe(
        `https://taskrouter.twilio.com${tq}/Statistics?Minutes=30&TaskChannel=voice&SplitByWaitTime=30%2C60&PageSize=3&Page=0`,
      );
    });

    it('walks forward to the end and back again with the page links', async () => {
      const local = (url: unknown) => String(url).replace('https://taskrouter.twilio.com', '');
      const pages: string[][] = [];
      let body = (await getJson(emulator, `${tq}?PageSize=3`)).body;
      pages.push((body.task_queues as { sid: string }[]).map((q) => q.sid));
      while (meta(body).next_page_url !== null) {
        body = (await getJson(emulator, local(meta(body).next_page_url))).body;
        pages.push((body.task_queues as { sid: string }[]).map((q) => q.sid));
      }
      const back = (await getJson(emulator, local(meta(body).previous_page_url))).body;

      expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual(emulator.workspace.list().map((q) => q.taskQueueSid));
      expect(meta(body)).toMatchObject({ page: 2, next_page_url: null });
      expect((back.task_queues as { sid: string }[]).map((q) => q.sid)).toEqual(pages[1]);
      expect(meta(back).page).toBe(1);
    });

    it('defaults PageSize to 50 and positions by Page when there is no token', async () => {
      const first = await getJson(emulator, tq);
      const second = await getJson(emulator, `${tq}?PageSize=5&Page=1`);

      expect(meta(first.body).page_size).toBe(50);
      expect(meta(first.body).next_page_url).toBeNull();
      expect((second.body.task_queues as unknown[]).length).toBe(2);
    });

    it('uses the emulator’s own base URL when linkBase is self', async () => {
      const self = await startEmulator({
        accountSid: EMULATOR_ACCOUNT_SID,
        authToken: EMULATOR_AUTH_TOKEN,
        workspace: { queueCount: 3, seed: 1 },
        linkBase: 'self',
      });
      try {
        const { body } = await getJson(
          self,
          `/v1/Workspaces/${self.workspaceSid}/TaskQueues?PageSize=1`,
        );
        const queue = (body.task_queues as { url: string }[])[0];

        expect(String(meta(body).next_page_url)).toMatch(new RegExp(`^${self.baseUrl}/v1/`));
        expect(queue?.url).toMatch(new RegExp(`^${self.baseUrl}/v1/Workspaces/`));
        const next = await getJson(
          self,
          String(meta(body).next_page_url).replace(self.baseUrl, ''),
        );
        expect(next.status).toBe(200);
      } finally {
        await self.close();
      }
    });
  });

  describe('bad parameters are a 400 with code 20001 that names them', () => {
    it.each([
      ['PageToken', '?PageToken=PAnot-ours'],
      ['PageToken', '?PageToken=garbage'],
      ['PageSize', '?PageSize=0'],
      ['PageSize', '?PageSize=1001'],
      ['PageSize', '?PageSize=ten'],
      ['Page', '?Page=-1'],
      ['WorkerSid', `?WorkerSid=WK${'0'.repeat(32)}`],
    ])('%s (%s) on the TaskQueues list', async (name, query) => {
      const { status, body } = await getJson(emulator, `${tq}${query}`);

      expect(status).toBe(400);
      expect(body).toMatchObject({
        code: 20001,
        status: 400,
        more_info: 'https://www.twilio.com/docs/errors/20001',
      });
      expect(String(body.message)).toContain(name);
    });

    it.each([
      ['Minutes', 'Minutes=0'],
      ['Minutes', 'Minutes=43201'],
      ['StartDate', 'StartDate=yesterday'],
      ['EndDate', 'EndDate=2026-13-45T99:00:00Z'],
      ['StartDate', 'StartDate=2026-11-23T09:00:00Z&EndDate=2026-11-23T08:00:00Z'],
      ['SplitByWaitTime', 'SplitByWaitTime=0'],
      ['SplitByWaitTime', 'SplitByWaitTime=30,'],
      ['TaskChannel', 'TaskChannel='],
    ])('%s (%s) on the statistics', async (name, query) => {
      const { status, body } = await getJson(emulator, `${tq}/Statistics?${query}`);

      expect(status).toBe(400);
      expect(String(body.message)).toContain(name);
    });
  });

  describe('errors', () => {
    it('an unknown path is a Twilio-shaped 404', async () => {
      const { status, body } = await getJson(emulator, '/v1/Workspaces');

      expect(status).toBe(404);
      expect(body).toEqual({
        code: 20404,
        message: 'The requested resource /v1/Workspaces was not found',
        more_info: 'https://www.twilio.com/docs/errors/20404',
        status: 404,
      });
    });

    it('a malformed SID is a 404, like an unknown one', async () => {
      expect((await getJson(emulator, `${tq}/WQ123`)).status).toBe(404);
      expect((await getJson(emulator, `${tq}/premium-customers`)).status).toBe(404);
      expect((await getJson(emulator, `/v1/Workspaces/WS123/TaskQueues`)).status).toBe(404);
    });

    it('another account’s credentials are a 401, whatever the path', async () => {
      const other = basicAuth(EMULATOR_AUTH_TOKEN, `AC${'9'.repeat(32)}`);

      expect((await getJson(emulator, tq, other)).status).toBe(401);
      expect((await getJson(emulator, '/nowhere', other)).status).toBe(401);
    });

    it('a method the emulator does not serve is a 405', async () => {
      const response = await fetch(`${emulator.baseUrl}${tq}`, {
        method: 'POST',
        headers: { authorization: basicAuth() },
      });

      expect(response.status).toBe(405);
      expect(await response.json()).toMatchObject({ code: 20004, status: 405 });
    });
  });

  it('counts requests by status and fault', async () => {
    emulator.faults.script({ kind: 'server-error', status: 503 });
    await getJson(emulator, tq);
    await getJson(emulator, tq);
    await getJson(emulator, '/missing');

    expect(emulator.requests.counters).toEqual({
      total: 3,
      byStatus: { '503': 1, '200': 1, '404': 1 },
      byFault: { 'server-error': 1 },
    });
    expect(emulator.requests.count(/TaskQueues$/)).toBe(2);
    expect(emulator.requests.count((entry) => entry.status === 404)).toBe(1);

    emulator.clearRequests();
    expect(emulator.requests.entries).toEqual([]);
    expect(emulator.requests.counters.total).toBe(0);
  });
});
