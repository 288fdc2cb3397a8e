import type { Twilio } from 'twilio';
import {
  startEmulator,
  type CallOptionsInput,
  type Emulator,
} from '../../src/emulator/emulator.js';
import {
  basicAuth,
  EMULATOR_ACCOUNT_SID,
  EMULATOR_AUTH_TOKEN,
  sdkFor,
} from '../support/emulator-sdk.js';
import { eventually } from '../support/eventually.js';
import { createManualScheduler } from '../support/manual-scheduler.js';

const START = Date.parse('2026-11-23T10:00:00Z');
const FROM = '+14155550100';
const TWIML = '<Response><Say>Hi</Say></Response>';

describe('Programmable Voice Calls through the Twilio SDK', () => {
  let emulator: Emulator;
  let scheduler: ReturnType<typeof createManualScheduler>;
  let client: Twilio;
  const start = async (calls: CallOptionsInput = {}) => {
    scheduler = createManualScheduler(START);
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
      calls: { scheduler, ...calls },
    });
    client = sdkFor(emulator, { retryLimit: 0 }).client;
  };
  afterEach(() => emulator.close());
  const create = (to: string) => client.calls.create({ to, from: FROM, twiml: TWIML });

  describe('CPS', () => {
    it('queues creates faster than CPS: queue_time grows by 1/CPS, dials keep to CPS', async () => {
      await start({ callsPerSecond: 2, outcomes: { busy: 1 } });

      const queueTimes: string[] = [];
      for (let i = 0; i < 5; i += 1) queueTimes.push((await create(`+1415555020${i}`)).queueTime);

      expect(queueTimes).toEqual(['0', '500', '1000', '1500', '2000']);
      expect(emulator.calls.stats()).toMatchObject({
        creates: 5,
        dials: 0,
        maxCreatesPerSecond: 5,
      });
      scheduler.advance(2000);
      const stats = emulator.calls.stats();
      expect(stats).toMatchObject({ creates: 5, dials: 5, maxDialsPerSecond: 2 });
      expect(stats.seconds.map((s) => s.dials)).toEqual([2, 2, 1]);
      expect(emulator.calls.list().map((c) => c.startedAt! - START)).toEqual([
        0, 500, 1000, 1500, 2000,
      ]);
    });

    it('gives a call created after the queue drained no wait', async () => {
      await start({ callsPerSecond: 1, outcomes: { busy: 1 } });
      await create('+14155550201');
      scheduler.advance(5000);

      expect((await create('+14155550202')).queueTime).toBe('0');
    });
  });

  describe('too many concurrent creates', () => {
    it('answers 429 with code 20429 and creates nothing', async () => {
      await start({ maxConcurrentCreates: 2 });
      const release = emulator.calls.faults.holdCreates();
      const held = [create('+14155550301'), create('+14155550302')];
      await eventually(() => expect(emulator.calls.inFlight).toBe(2));

      await expect(create('+14155550303')).rejects.toMatchObject({ status: 429, code: 20429 });
      expect(emulator.calls.list()).toEqual([]);
      release();
      await Promise.all(held);

      expect(
        emulator.calls
          .list()
          .map((c) => c.request.to)
          .sort(),
      ).toEqual(['+14155550301', '+14155550302']);
      expect(emulator.calls.stats()).toMatchObject({ creates: 2, tooManyConcurrent: 1 });
      expect(emulator.calls.inFlight).toBe(0);
    });

    it('can be forced in bursts with the fault controller: nothing created', async () => {
      await start();
      emulator.faults.script({
        kind: 'rate-limited',
        match: /\/Calls\.json$/,
        method: 'POST',
        times: 3,
      });

      for (let i = 0; i < 3; i += 1) {
        await expect(create('+14155550304')).rejects.toMatchObject({ status: 429, code: 20429 });
      }
      expect(emulator.calls.list()).toEqual([]);
      await expect(create('+14155550304')).resolves.toMatchObject({ status: 'queued' });
    });
  });

  describe('lost answers', () => {
    it('lost-answer: the client gets a 500, but the call was created and dials', async () => {
      await start({ outcomes: { busy: 1 } });
      emulator.calls.faults.script({ kind: 'lost-answer' });

      await expect(create('+14155550401')).rejects.toMatchObject({ status: 500, code: 20500 });

      const [call] = emulator.calls.list();
      expect(call).toMatchObject({ status: 'queued', request: { to: '+14155550401' } });
      scheduler.advance(0);
      expect(emulator.calls.get(call?.sid ?? '')?.status).toBe('ringing');
      expect(emulator.calls.stats()).toMatchObject({ creates: 1, lostAnswers: 1 });
    });

    it('lost-answer as a drop: no answer at all, the call exists', async () => {
      await start();
      emulator.calls.faults.script({ kind: 'lost-answer', as: 'drop' });

      await expect(create('+14155550402')).rejects.toThrow();

      expect(emulator.calls.list()).toHaveLength(1);
      expect(emulator.requests.entries.at(-1)).toMatchObject({ status: 'dropped', fault: 'drop' });
    });

    it('fail-before-create: a 500 and no call', async () => {
      await start();
      emulator.calls.faults.script({ kind: 'fail-before-create', times: 2 });

      await expect(create('+14155550403')).rejects.toMatchObject({ status: 500 });
      await expect(create('+14155550403')).rejects.toMatchObject({ status: 500 });
      await create('+14155550403');

      expect(emulator.calls.list()).toHaveLength(1);
      expect(emulator.calls.stats()).toMatchObject({ creates: 1, failedBeforeCreate: 2 });
    });

    it('seeded shares: the same seed loses the same answers; every lost answer made a call', async () => {
      const outcomes = async () => {
        await start({ lostAnswerShare: 0.3, failBeforeCreateShare: 0.2, seed: 7 });
        const results: string[] = [];
        for (let i = 0; i < 20; i += 1) {
          results.push(
            await create(`+1415555050${i % 10}`).then(
              () => 'ok',
              (e: { status: number }) => String(e.status),
            ),
          );
        }
        const stats = emulator.calls.stats();
        expect(stats.creates).toBe(results.filter((r) => r === 'ok').length + stats.lostAnswers);
        expect(stats.lostAnswers + stats.failedBeforeCreate).toBe(
          results.filter((r) => r === '500').length,
        );
        await emulator.close();
        return results;
      };
      const first = await outcomes();
      expect(first).toContain('500');
      expect(first).toContain('ok');
      expect(await outcomes()).toEqual(first);
    });
  });

  describe('list and fetch', () => {
    it('filters by To, From, Status and start time, newest first, across pages', async () => {
      await start({ callsPerSecond: 1 });
      emulator.calls.script('+14155550601', 'busy', 'busy');
      emulator.calls.script('+14155550602', { outcome: 'human', ringMs: 500, talkMs: 100_000 });
      const a = await create('+14155550601');
      const b = await create('+14155550602');
      const c = await create('+14155550601');
      const d = await client.calls.create({
        to: '+14155550603',
        from: '+14155550199',
        twiml: TWIML,
      });
      scheduler.advance(1500);
      // a dialed at 0 (busy after its ring), b answered at 1500, c dials at 2000, d at 3000.

      const api = client.calls;
      expect((await api.list({ pageSize: 2 })).map((x) => x.sid)).toEqual([
        d.sid,
        c.sid,
        b.sid,
        a.sid,
      ]);
      expect((await api.list({ to: '+14155550601' })).map((x) => x.sid)).toEqual([c.sid, a.sid]);
      expect((await api.list({ from: '+14155550199' })).map((x) => x.sid)).toEqual([d.sid]);
      expect((await api.list({ status: 'queued' })).map((x) => x.sid)).toEqual([d.sid, c.sid]);
      expect((await api.list({ status: 'in-progress' })).map((x) => x.sid)).toEqual([b.sid]);
      expect(
        (await api.list({ startTimeAfter: new Date(START + 1000) })).map((x) => x.sid),
      ).toEqual([b.sid]);
      expect(
        (await api.list({ startTimeBefore: new Date(START + 1000) })).map((x) => x.sid),
      ).toEqual([a.sid]);
      expect(
        (await api.list({ startTime: new Date('2026-11-23T00:00:00Z') })).map((x) => x.sid),
      ).toEqual([b.sid, a.sid]);
      expect(await api.list({ startTime: new Date('2026-11-24T00:00:00Z') })).toEqual([]);
      expect(await api.list({ parentCallSid: a.sid })).toEqual([]);
    });

    it('repeats the filters in the page links', async () => {
      await start();
      for (let i = 0; i < 3; i += 1) await create('+14155550701');

      const response = await fetch(
        `${emulator.baseUrl}/2010-04-01/Accounts/${EMULATOR_ACCOUNT_SID}/Calls.json?To=%2B14155550701&PageSize=2`,
        { headers: { authorization: basicAuth() } },
      );
      const body = (await response.json()) as { next_page_uri: string; calls: unknown[] };

      expect(body.calls).toHaveLength(2);
      expect(body.next_page_uri).toMatch(
        /^\/2010-04-01\/Accounts\/AC\w+\/Calls\.json\?To=%2B14155550701&PageSize=2&Page=1&PageToken=PA/,
      );
    });

    it('fetches one call; an unknown SID is a 404', async () => {
      await start();
      const call = await create('+14155550801');

      expect(await client.calls(call.sid).fetch()).toMatchObject({
        sid: call.sid,
        to: '+14155550801',
        toFormatted: '(415) 555-0801',
        direction: 'outbound-api',
        status: 'queued',
        startTime: null,
      });
      await expect(client.calls(`CA${'0'.repeat(32)}`).fetch()).rejects.toMatchObject({
        status: 404,
        code: 20404,
      });
    });
  });

  describe('create validation', () => {
    const post = (form: Record<string, string>) =>
      fetch(`${emulator.baseUrl}/2010-04-01/Accounts/${EMULATOR_ACCOUNT_SID}/Calls.json`, {
        method: 'POST',
        headers: {
          authorization: basicAuth(),
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(form).toString(),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Record<string, unknown>,
      }));

    it.each([
      [{ From: FROM, Twiml: TWIML }, 21201, "No 'To' number is specified"],
      [{ To: '+14155550901', Twiml: TWIML }, 21213, "No 'From' number is specified"],
      [{ To: '+14155550901', From: FROM }, 21205, 'Url parameter is required.'],
      [
        { To: '4155550901', From: FROM, Twiml: TWIML },
        21211,
        "Invalid 'To' Phone Number: 4155550901",
      ],
      [
        { To: '+14155550901', From: FROM, Url: 'ftp://x' },
        21205,
        'Url is not a valid URL: ftp://x',
      ],
      [
        { To: '+14155550901', From: FROM, Twiml: TWIML, Timeout: '601' },
        20001,
        'Invalid parameter Timeout: must be an integer from 1 to 600 (got 601)',
      ],
      [
        { To: '+14155550901', From: FROM, Twiml: TWIML, StatusCallbackEvent: 'answred' },
        20001,
        'Invalid parameter StatusCallbackEvent: "answred" is not one of initiated, ringing, answered, completed',
      ],
      [
        { To: '+14155550901', From: FROM, Twiml: TWIML, MachineDetection: 'yes' },
        20001,
        'Invalid parameter MachineDetection: must be Enable or DetectMessageEnd',
      ],
      [
        { To: '+14155550901', From: FROM, Twiml: TWIML, Record: 'true' },
        20001,
        'Invalid parameter Record: the emulator does not support this parameter',
      ],
    ])('%j is a 400 with code %i', async (form, code, message) => {
      await start();

      expect(await post(form)).toEqual({
        status: 400,
        body: {
          code,
          message,
          more_info: `https://www.twilio.com/docs/errors/${code}`,
          status: 400,
        },
      });
      expect(emulator.calls.list()).toEqual([]);
    });

    it('an update other than canceled/completed is a 400 naming Status', async () => {
      await start();
      const call = await create('+14155550902');

      await expect(
        client.calls(call.sid).update({ status: 'busy' as 'canceled' }),
      ).rejects.toMatchObject({ status: 400, code: 20001 });
      await expect(client.calls(call.sid).update({ status: 'completed' })).rejects.toMatchObject({
        status: 400,
        code: 21220,
      });
    });
  });
});
