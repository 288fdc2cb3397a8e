import twilio from 'twilio';
import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import { TwilioRequestError } from '../../src/twilio-rest/http-client.js';
import {
  EMULATOR_ACCOUNT_SID,
  EMULATOR_AUTH_TOKEN,
  basicAuth,
  fixedClock,
  getJson,
  sdkFor,
} from '../support/emulator-sdk.js';

/**
 * Every fault kind as the app's client meets it: the emulator injects, our HTTP client retries
 * (or not), the SDK answers or throws. The request log says what went over the wire.
 */
describe('fault injection, seen through the Twilio SDK', () => {
  let emulator: Emulator;
  beforeEach(async () => {
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
      workspace: { seed: 3 },
      clock: fixedClock,
    });
  });
  afterEach(() => emulator.close());

  const listQueues = (client = sdkFor(emulator).client) =>
    client.taskrouter.v1.workspaces(emulator.workspaceSid).taskQueues.list();
  const statuses = () => emulator.requests.entries.map((entry) => entry.status);

  describe('scripted faults', () => {
    it('a 429 with Retry-After: 1 is waited out, then the call succeeds', async () => {
      emulator.faults.script({ kind: 'rate-limited', retryAfterSeconds: 1 });

      const queues = await listQueues();

      expect(queues).toHaveLength(2);
      expect(statuses()).toEqual([429, 200]);
      const [refused, retried] = emulator.requests.entries;
      expect(refused?.fault).toBe('rate-limited');
      expect((retried?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(1000);
    });

    it('a 429 without Retry-After is retried after the client’s own backoff', async () => {
      emulator.faults.script({ kind: 'rate-limited' });

      await expect(listQueues()).resolves.toHaveLength(2);
      expect(statuses()).toEqual([429, 200]);
    });

    it('a Retry-After longer than the client will wait fails the call with code 20429, once', async () => {
      emulator.faults.script({ kind: 'rate-limited', retryAfterSeconds: 30 });

      await expect(listQueues()).rejects.toMatchObject({ status: 429, code: 20429 });
      expect(statuses()).toEqual([429]);
    });

    it('500 and 503 answers are retried until one succeeds', async () => {
      emulator.faults.script(
        { kind: 'server-error', status: 500 },
        { kind: 'server-error', status: 503 },
      );

      await expect(listQueues()).resolves.toHaveLength(2);
      expect(statuses()).toEqual([500, 503, 200]);
    });

    it('a 200 with truncated JSON is retried and the call succeeds', async () => {
      emulator.faults.script({ kind: 'malformed' });

      await expect(listQueues()).resolves.toHaveLength(2);
      expect(emulator.requests.entries.map((e) => [e.status, e.fault])).toEqual([
        [200, 'malformed'],
        [200, null],
      ]);
    });

    it('a dropped connection is retried and the call succeeds', async () => {
      emulator.faults.script({ kind: 'drop' });

      await expect(listQueues()).resolves.toHaveLength(2);
      expect(statuses()).toEqual(['dropped', 200]);
    });

    it('a delay longer than the client’s timeout is abandoned and retried', async () => {
      emulator.faults.script({ kind: 'delay', ms: 1_000 });

      await expect(listQueues(sdkFor(emulator, { timeoutMs: 200 }).client)).resolves.toHaveLength(
        2,
      );
      expect(emulator.requests.entries.map((e) => [e.status, e.fault])).toEqual([
        ['dropped', 'delay'],
        [200, null],
      ]);
    });

    it('applies only to the next N requests whose path matches', async () => {
      emulator.faults.script({ kind: 'server-error', match: 'Queues\\.json$', times: 2 });
      const { client } = sdkFor(emulator);

      await listQueues(client);
      expect(emulator.faults.pending).toEqual([
        expect.objectContaining({ kind: 'server-error', match: 'Queues\\.json$', remaining: 2 }),
      ]);
      await client.api.v2010.accounts(emulator.accountSid).queues.list();

      expect(statuses()).toEqual([200, 500, 500, 200]);
      expect(emulator.faults.pending).toEqual([]);
    });
  });

  describe('answers that are not retried', () => {
    it('an unknown TaskQueue SID is a RestException 404, code 20404, after one request', async () => {
      const { client } = sdkFor(emulator);

      const call = client.taskrouter.v1
        .workspaces(emulator.workspaceSid)
        .taskQueues(`WQ${'0'.repeat(32)}`)
        .fetch();

      await expect(call).rejects.toBeInstanceOf(twilio.RestException);
      await expect(call).rejects.toMatchObject({
        status: 404,
        code: 20404,
        moreInfo: 'https://www.twilio.com/docs/errors/20404',
      });
      expect(emulator.requests.count()).toBe(1);
    });

    it('a wrong auth token is a 401 with code 20003, after one request', async () => {
      await expect(
        listQueues(sdkFor(emulator, { authToken: 'wrong' }).client),
      ).rejects.toMatchObject({
        status: 401,
        code: 20003,
      });
      expect(statuses()).toEqual([401]);
    });

    it('no credentials at all is a 401 too', async () => {
      const response = await getJson(
        emulator,
        `/v1/Workspaces/${emulator.workspaceSid}/TaskQueues`,
        '',
      );

      expect(response.status).toBe(401);
      expect(response.body).toEqual({
        code: 20003,
        message: 'Authenticate',
        more_info: 'https://www.twilio.com/docs/errors/20003',
        status: 401,
      });
    });
  });

  describe('the rate limit', () => {
    it('refuses what exceeds the bucket with 429 and Retry-After; the client waits and succeeds', async () => {
      emulator.faults.set({ rateLimit: { requestsPerSecond: 2, burst: 1 } });
      const { client } = sdkFor(emulator);

      const results = await Promise.all([listQueues(client), listQueues(client)]);

      expect(results.map((r) => r.length)).toEqual([2, 2]);
      expect(statuses().filter((s) => s === 429)).toHaveLength(1);
      expect(emulator.requests.counters.byFault).toEqual({ 'rate-limited': 1 });
      const refused = emulator.requests.entries.findIndex((e) => e.status === 429);
      const after = emulator.requests.entries[refused + 1];
      expect(
        (after?.at ?? 0) - (emulator.requests.entries[refused]?.at ?? 0),
      ).toBeGreaterThanOrEqual(1000);
    });

    it('sends Retry-After in whole seconds, or none when told not to', async () => {
      const path = `/v1/Workspaces/${emulator.workspaceSid}/TaskQueues`;
      emulator.faults.set({ rateLimit: { requestsPerSecond: 0.5, burst: 1 } });
      await getJson(emulator, path);
      const withHeader = await getJson(emulator, path);

      emulator.faults.set({ rateLimit: { requestsPerSecond: 0.5, burst: 1, retryAfter: false } });
      await getJson(emulator, path);
      const without = await getJson(emulator, path);

      expect(withHeader.status).toBe(429);
      expect(withHeader.headers.get('retry-after')).toBe('2');
      expect(withHeader.body).toMatchObject({ code: 20429, status: 429 });
      expect(without.status).toBe(429);
      expect(without.headers.get('retry-after')).toBeNull();
    });

    it('without Retry-After, the client’s backoff outlasts the refill and the calls succeed', async () => {
      emulator.faults.set({ rateLimit: { requestsPerSecond: 5, burst: 1, retryAfter: false } });
      const { client } = sdkFor(emulator, { minBackoffMs: 250, maxBackoffMs: 250 });

      const results = await Promise.all([listQueues(client), listQueues(client)]);

      expect(results.map((r) => r.length)).toEqual([2, 2]);
      expect(statuses().filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    });
  });

  describe('standing shares and latency', () => {
    it('limits the shares to paths that match the pattern', async () => {
      emulator.faults.set({ serverErrorShare: 1, pathPattern: '/TaskQueues/Statistics$' });
      const { client } = sdkFor(emulator, { retryLimit: 2 });
      const workspace = client.taskrouter.v1.workspaces(emulator.workspaceSid);

      await expect(workspace.taskQueues.list()).resolves.toHaveLength(2);
      const failure = workspace.taskQueues.statistics.list();

      await expect(failure).rejects.toBeInstanceOf(twilio.RestException);
      await expect(failure).rejects.toMatchObject({ status: expect.any(Number) as number });
      const bulk = emulator.requests.entries.filter((e) => e.path.endsWith('/Statistics'));
      expect(bulk).toHaveLength(3);
      for (const entry of bulk) expect([500, 503]).toContain(entry.status);
    });

    it('a drop share of 1 fails the call as a network error after the retries', async () => {
      emulator.faults.set({ dropShare: 1 });

      const failure = listQueues(sdkFor(emulator, { retryLimit: 1 }).client);

      await expect(failure).rejects.toBeInstanceOf(TwilioRequestError);
      await expect(failure).rejects.toMatchObject({ kind: 'network' });
      expect(statuses()).toEqual(['dropped', 'dropped']);
    });

    it('a malformed share of 1 fails the call as malformed after the retries', async () => {
      emulator.faults.set({ malformedShare: 1 });

      await expect(listQueues(sdkFor(emulator, { retryLimit: 1 }).client)).rejects.toMatchObject({
        kind: 'malformed',
      });
      expect(emulator.requests.counters.byFault).toEqual({ malformed: 2 });
    });

    it('throws the same dice for the same seed', async () => {
      const faults = { serverErrorShare: 0.3, dropShare: 0.2, malformedShare: 0.2, seed: 42 };
      const run = async () => {
        emulator.faults.set(faults);
        emulator.clearRequests();
        for (let i = 0; i < 20; i += 1) {
          await fetch(`${emulator.baseUrl}/v1/Workspaces/${emulator.workspaceSid}/TaskQueues`, {
            headers: { authorization: basicAuth() },
          }).then(
            (response) => response.text(),
            () => undefined,
          );
        }
        return emulator.requests.entries.map((e) => `${e.status}/${e.fault}`);
      };

      const first = await run();
      const second = await run();

      expect(second).toEqual(first);
      expect(new Set(first).size).toBeGreaterThan(2);
    });

    it('holds every request for the added latency', async () => {
      emulator.faults.set({ latency: { fixedMs: 150, jitterMs: 50 } });

      await listQueues();

      const [entry] = emulator.requests.entries;
      expect(entry?.status).toBe(200);
      expect(entry?.durationMs).toBeGreaterThanOrEqual(150);
    });

    it('clears standing faults and scripts', async () => {
      emulator.faults.set({ serverErrorShare: 1 });
      emulator.faults.script({ kind: 'drop' });

      emulator.faults.clear();

      await expect(listQueues()).resolves.toHaveLength(2);
      expect(statuses()).toEqual([200]);
    });
  });
});
