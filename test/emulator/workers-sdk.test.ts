import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import {
  EMULATOR_ACCOUNT_SID,
  EMULATOR_AUTH_TOKEN,
  EMULATOR_NOW,
  basicAuth,
  fixedClock,
  sdkFor,
} from '../support/emulator-sdk.js';

const ISO_NOW = new Date(EMULATOR_NOW).toISOString().replace('.000Z', 'Z');

/**
 * TaskRouter Workers through the app's own client (the official SDK over our HTTP client):
 * the list, one worker, and the attribute writes the eligibility feature makes.
 */
describe('TaskRouter Workers through the Twilio SDK', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
      workspace: { seed: 11, workerCount: 120 },
      clock: fixedClock,
    });
  });
  afterEach(() => emulator.close());

  const workersApi = (client = sdkFor(emulator).client) =>
    client.taskrouter.v1.workspaces(emulator.workspaceSid).workers;
  const first = () => {
    const worker = emulator.workspace.workers.list()[0];
    if (worker === undefined) throw new Error('no workers');
    return worker;
  };

  describe('the list', () => {
    it('pages through every worker, in order, once, with attributes null', async () => {
      const workers = await workersApi().list({ pageSize: 50 });

      expect(workers.map((w) => w.sid)).toEqual(
        emulator.workspace.workers.list().map((w) => w.sid),
      );
      expect(workers).toHaveLength(120);
      expect(workers.every((w) => w.attributes === null)).toBe(true);
      expect(emulator.requests.count()).toBe(3);
      const [, second] = emulator.requests.entries;
      expect(second?.query).toMatchObject({ PageSize: '50', Page: '1' });
    });

    it('repeats the filters in next_page_url, so every page is filtered', async () => {
      const available = await workersApi().list({ available: 'true', pageSize: 10 });

      const expected = emulator.workspace.workers.list().filter((w) => w.activity.available);
      expect(available.map((w) => w.sid)).toEqual(expected.map((w) => w.sid));
      expect(expected.length).toBeGreaterThan(10);
      for (const entry of emulator.requests.entries) {
        expect(entry.query).toMatchObject({ Available: 'true', PageSize: '10' });
      }
    });

    it('filters by ActivityName and FriendlyName (case-insensitively)', async () => {
      const offline = await workersApi().list({ activityName: 'Offline' });
      const named = await workersApi().list({ friendlyName: 'AGENT_0007' });

      expect(offline.every((w) => w.activityName === 'Offline')).toBe(true);
      expect(offline.length).toBe(
        emulator.workspace.workers.list().filter((w) => w.activity.friendlyName === 'Offline')
          .length,
      );
      expect(named.map((w) => w.friendlyName)).toEqual(['agent_0007']);
    });

    it('refuses the filters it does not implement rather than ignoring them', async () => {
      await expect(
        workersApi().list({ targetWorkersExpression: 'skills HAS "billing"' }),
      ).rejects.toMatchObject({
        status: 400,
        code: 20001,
        message: expect.stringContaining('TargetWorkersExpression') as string,
      });
    });
  });

  describe('one worker', () => {
    it('fetches a worker with its attributes as a JSON string', async () => {
      const worker = await workersApi().get(first().sid).fetch();

      expect(worker.sid).toBe(first().sid);
      expect(JSON.parse(worker.attributes)).toMatchObject({
        contact_uri: 'client:agent_0001',
        routing: { skills: expect.any(Array) as unknown[] },
      });
      expect(worker.activityName).toBe(first().activity.friendlyName);
    });

    it('answers 404 (code 20404) for a worker that does not exist', async () => {
      await expect(
        workersApi()
          .get(`WK${'0'.repeat(32)}`)
          .fetch(),
      ).rejects.toMatchObject({ status: 404, code: 20404 });
    });
  });

  describe('updates', () => {
    it('replaces the attributes, dates the change and answers the worker with them', async () => {
      const attributes = JSON.stringify({ skills: ['billing'], eligible_queues: ['WQ1'] });

      const updated = await workersApi().get(first().sid).update({ attributes });

      expect(updated.attributes).toBe(attributes);
      expect(updated.dateUpdated.toISOString()).toBe(new Date(EMULATOR_NOW).toISOString());
      expect(emulator.workspace.workers.get(first().sid)).toMatchObject({ attributes, version: 1 });
      const fetched = await workersApi().get(first().sid).fetch();
      expect(fetched.attributes).toBe(attributes);
      expect(emulator.workerWrites).toMatchObject({
        attempts: 1,
        applied: 1,
        appliedByWorker: { [first().sid]: 1 },
      });
    });

    it('changes the FriendlyName and the Activity, dating the status change', async () => {
      const offline = emulator.workspace.workers
        .list()
        .find((w) => w.activity.friendlyName === 'Offline');
      const idle = emulator.workspace.workers
        .list()
        .find((w) => w.activity.friendlyName === 'Idle')?.activity;
      if (offline === undefined || idle === undefined) throw new Error('seed 11 lacks activities');

      const updated = await workersApi()
        .get(offline.sid)
        .update({ friendlyName: 'renamed', activitySid: idle.sid });

      expect(updated).toMatchObject({
        friendlyName: 'renamed',
        activityName: 'Idle',
        activitySid: idle.sid,
        available: true,
      });
      expect(updated.dateStatusChanged.getTime()).toBe(EMULATOR_NOW);
      expect(offline.dateStatusChanged).toBeLessThan(EMULATOR_NOW);
    });

    it('refuses attributes over 4096 bytes with a 400 that says so, and keeps the old ones', async () => {
      const before = first().attributes;
      const tooLong = JSON.stringify({ notes: 'x'.repeat(4096) });

      await expect(
        workersApi().get(first().sid).update({ attributes: tooLong }),
      ).rejects.toMatchObject({
        status: 400,
        code: 20001,
        message: expect.stringMatching(/4096/) as string,
      });
      expect(first().attributes).toBe(before);
      expect(emulator.workerWrites).toMatchObject({ attempts: 1, applied: 0, refused: 1 });
    });

    it('takes attributes of exactly 4096 bytes (multi-byte characters counted as bytes)', async () => {
      const padding = (n: number) => JSON.stringify({ notes: 'x'.repeat(n) });
      const exact = padding(4096 - padding(0).length);
      const accented = JSON.stringify({ notes: 'é'.repeat(2048) }); // 4096 bytes of é alone

      await expect(
        workersApi().get(first().sid).update({ attributes: exact }),
      ).resolves.toMatchObject({ attributes: exact });
      await expect(
        workersApi().get(first().sid).update({ attributes: accented }),
      ).rejects.toMatchObject({ status: 400 });
    });

    it.each([
      ['not JSON', '{"skills": [', /valid JSON/],
      ['a JSON array', '["billing"]', /JSON object/],
      ['JSON null', 'null', /JSON object/],
    ])('refuses attributes that are %s', async (_what, attributes, message) => {
      await expect(workersApi().get(first().sid).update({ attributes })).rejects.toMatchObject({
        status: 400,
        code: 20001,
        message: expect.stringMatching(message) as string,
      });
    });

    it('refuses an unknown ActivitySid and a name another worker has', async () => {
      const other = emulator.workspace.workers.list()[1]?.friendlyName ?? '';

      await expect(
        workersApi()
          .get(first().sid)
          .update({ activitySid: `WA${'9'.repeat(32)}` }),
      ).rejects.toMatchObject({
        status: 400,
        message: expect.stringContaining('ActivitySid') as string,
      });
      await expect(
        workersApi().get(first().sid).update({ friendlyName: other.toUpperCase() }),
      ).rejects.toMatchObject({
        status: 400,
        message: expect.stringContaining('friendlyName') as string,
      });
    });

    it('sends the worker’s ETag and takes an update whose If-Match names it, answering the next one', async () => {
      const worker = workersApi().get(first().sid);
      const fetched = await worker.fetchWithHttpInfo();
      const etag = fetched.headers.etag;
      expect(etag).toBe(`"${first().version}"`);

      const updated = await worker.updateWithHttpInfo({ attributes: '{"n":1}', ifMatch: etag });

      expect(updated.body.attributes).toBe('{"n":1}');
      expect(updated.headers.etag).toBe(`"${first().version}"`);
      expect(updated.headers.etag).not.toBe(etag);
    });

    it('answers a stale If-Match with 412 (code 20412) and changes nothing', async () => {
      const worker = workersApi().get(first().sid);
      const stale = (await worker.fetchWithHttpInfo()).headers.etag;
      emulator.workspace.workers.update(first().sid, { attributes: { edited: 'meanwhile' } });

      await expect(worker.update({ attributes: '{"n":1}', ifMatch: stale })).rejects.toMatchObject({
        status: 412,
        code: 20412,
        moreInfo: 'https://www.twilio.com/docs/errors/20412',
      });
      expect(JSON.parse(first().attributes)).toEqual({ edited: 'meanwhile' });
      expect(emulator.workerWrites).toMatchObject({ attempts: 1, applied: 0, refused: 1 });
    });

    it('answers other methods with 405 (code 20004)', async () => {
      const url = `${emulator.baseUrl}/v1/Workspaces/${emulator.workspaceSid}/Workers/${first().sid}`;
      const response = await fetch(url, { method: 'PUT', headers: { authorization: basicAuth() } });

      expect(response.status).toBe(405);
      expect(await response.json()).toMatchObject({ code: 20004 });
    });
  });

  describe('the write rate limit', () => {
    it('refuses writes over their own limit with 429 (code 20429), while reads go on', async () => {
      emulator.faults.set({
        rateLimit: { requestsPerSecond: 1000 },
        writeRateLimit: { requestsPerSecond: 0.001, burst: 2 },
      });
      const { client } = sdkFor(emulator, { retryLimit: 0 });
      const update = () => workersApi(client).get(first().sid).update({ attributes: '{"n":1}' });

      await update();
      await update();
      await expect(update()).rejects.toMatchObject({ status: 429, code: 20429 });
      await expect(workersApi(client).get(first().sid).fetch()).resolves.toMatchObject({
        sid: first().sid,
      });

      expect(emulator.workerWrites).toMatchObject({ attempts: 3, applied: 2, rateLimited: 1 });
      const refused = emulator.requests.entries.find((e) => e.status === 429);
      expect(refused).toMatchObject({ method: 'POST', fault: 'rate-limited' });
      expect(first().version).toBe(2);
    });

    it('sends Retry-After, which the app’s client waits out before writing again', async () => {
      emulator.faults.set({ writeRateLimit: { requestsPerSecond: 2, burst: 1 } });

      await workersApi().get(first().sid).update({ attributes: '{"n":1}' });
      await workersApi().get(first().sid).update({ attributes: '{"n":2}' });

      const statuses = emulator.requests.entries.map((e) => e.status);
      expect(statuses).toEqual([200, 429, 200]);
      expect(first().attributes).toBe('{"n":2}');
    });

    it('lets scripted faults hit writes only (method POST), e.g. a 503 then a retry', async () => {
      emulator.faults.script({ kind: 'server-error', status: 503, method: 'POST' });

      await workersApi().get(first().sid).fetch();
      await workersApi().get(first().sid).update({ attributes: '{"n":3}' });

      expect(emulator.requests.entries.map((e) => [e.method, e.status])).toEqual([
        ['GET', 200],
        ['POST', 503],
        ['POST', 200],
      ]);
      expect(emulator.workerWrites).toMatchObject({ attempts: 2, applied: 1, failed: 1 });
    });

    it('a dropped write is retried by the client and applied once', async () => {
      emulator.faults.script({ kind: 'drop', match: '/Workers/', method: 'POST' });

      await workersApi().get(first().sid).update({ attributes: '{"n":4}' });

      expect(first()).toMatchObject({ attributes: '{"n":4}', version: 1 });
      expect(emulator.workerWrites).toMatchObject({ attempts: 2, applied: 1, failed: 1 });
    });
  });

  it('keeps ISO dates in whole seconds', async () => {
    await workersApi().get(first().sid).update({ attributes: '{}' });
    const raw = await fetch(
      `${emulator.baseUrl}/v1/Workspaces/${emulator.workspaceSid}/Workers/${first().sid}`,
      { headers: { authorization: basicAuth() } },
    );

    expect(await raw.json()).toMatchObject({ date_updated: ISO_NOW });
  });
});
