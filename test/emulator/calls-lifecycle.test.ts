import type { Twilio } from 'twilio';
import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import { ANSWER_TWIML, startCallbackReceiver } from '../support/callback-receiver.js';
import { EMULATOR_AUTH_TOKEN, EMULATOR_ACCOUNT_SID, sdkFor } from '../support/emulator-sdk.js';
import { createManualScheduler } from '../support/manual-scheduler.js';

const START = Date.parse('2026-11-23T10:00:00Z');
const TO = '+14155550101';
const FROM = '+14155550100';
const ALL_EVENTS = ['initiated', 'ringing', 'answered', 'completed'];

describe('an outbound call’s lifecycle', () => {
  let emulator: Emulator;
  let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
  let scheduler: ReturnType<typeof createManualScheduler>;
  let client: Twilio;
  beforeEach(async () => {
    scheduler = createManualScheduler(START);
    receiver = await startCallbackReceiver(EMULATOR_AUTH_TOKEN);
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
      calls: { scheduler, callsPerSecond: 1, amdMs: { minMs: 2000, maxMs: 2000 } },
    });
    client = sdkFor(emulator, { retryLimit: 0 }).client;
  });
  afterEach(async () => {
    await emulator.close();
    await receiver.close();
  });

  const create = (extra: Record<string, unknown> = {}) =>
    client.calls.create({
      to: TO,
      from: FROM,
      url: `${receiver.baseUrl}/answer`,
      statusCallback: `${receiver.baseUrl}/status`,
      statusCallbackEvent: ALL_EVENTS,
      ...extra,
    });
  const step = async (ms: number) => {
    scheduler.advance(ms);
    await emulator.calls.settled();
  };
  const statuses = () => receiver.on('/status').map((r) => r.params.CallStatus);

  it('answered by a human: signed callbacks in order, the Url fetched, completed after the talk', async () => {
    emulator.calls.script(TO, { outcome: 'human', ringMs: 4000, talkMs: 30_500 });

    const call = await create();
    expect(call).toMatchObject({ status: 'queued', queueTime: '0', startTime: null });
    await step(0);
    expect(emulator.calls.get(call.sid)?.status).toBe('ringing');
    await step(4000);
    expect(emulator.calls.get(call.sid)).toMatchObject({
      status: 'in-progress',
      twiml: ANSWER_TWIML,
    });
    await step(30_500);

    expect(statuses()).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
    expect(receiver.received.every((r) => r.signatureValid)).toBe(true);
    const callbacks = receiver.on('/status').map((r) => r.params);
    expect(callbacks.map((p) => p.SequenceNumber)).toEqual(['0', '1', '2', '3']);
    expect(callbacks[3]).toEqual({
      AccountSid: EMULATOR_ACCOUNT_SID,
      ApiVersion: '2010-04-01',
      CallSid: call.sid,
      CallStatus: 'completed',
      Called: TO,
      Caller: FROM,
      CallbackSource: 'call-progress-events',
      CallDuration: '31',
      Direction: 'outbound-api',
      From: FROM,
      SequenceNumber: '3',
      Timestamp: new Date(START + 34_500).toUTCString().replace('GMT', '+0000'),
      To: TO,
    });
    expect(callbacks[0]?.CallDuration).toBeUndefined();
    const [answer] = receiver.on('/answer');
    expect(answer?.params).toMatchObject({ CallSid: call.sid, CallStatus: 'in-progress' });
    expect(answer?.params.AnsweredBy).toBeUndefined();
    const fetched = await client.calls(call.sid).fetch();
    expect(fetched).toMatchObject({ status: 'completed', duration: '31', answeredBy: null });
    expect(fetched.startTime?.getTime()).toBe(START);
    expect(fetched.endTime?.getTime()).toBe(START + 34_000); // whole seconds, as RFC 2822 has
  });

  it('without StatusCallbackEvent only completed is sent', async () => {
    emulator.calls.script(TO, 'busy');
    await client.calls.create({
      to: TO,
      from: FROM,
      twiml: '<Response/>',
      statusCallback: `${receiver.baseUrl}/status`,
    });
    await step(60_000);

    expect(statuses()).toEqual(['busy']);
    expect(receiver.on('/status')[0]?.params).toMatchObject({
      SequenceNumber: '0',
      CallDuration: '0',
    });
  });

  it('no answer ends the call after its Timeout', async () => {
    emulator.calls.script(TO, 'noAnswer');
    const call = await create({ timeout: 15 });
    await step(14_999);
    expect(emulator.calls.get(call.sid)?.status).toBe('ringing');
    await step(1);

    expect(emulator.calls.get(call.sid)?.status).toBe('no-answer');
    expect(statuses()).toEqual(['initiated', 'ringing', 'no-answer']);
    expect(receiver.on('/answer')).toEqual([]);
  });

  it('a failed call is initiated and then fails, without ringing', async () => {
    emulator.calls.script(TO, 'failed');
    const call = await create();
    await step(0);

    expect(statuses()).toEqual(['initiated', 'failed']);
    expect((await client.calls(call.sid).fetch()).duration).toBeNull();
  });

  it('a ringing call can be canceled; an ended one cannot (400, code 21220)', async () => {
    emulator.calls.script(TO, { outcome: 'human', ringMs: 10_000 });
    const call = await create();
    await step(1000);

    const canceled = await client.calls(call.sid).update({ status: 'canceled' });
    await emulator.calls.settled();

    expect(canceled.status).toBe('canceled');
    expect(statuses()).toEqual(['initiated', 'ringing', 'canceled']);
    await expect(client.calls(call.sid).update({ status: 'canceled' })).rejects.toMatchObject({
      status: 400,
      code: 21220,
    });
    await step(60_000);
    expect(receiver.on('/answer')).toEqual([]);
  });

  it('the app ends an answered call with Status=completed', async () => {
    emulator.calls.script(TO, { outcome: 'human', ringMs: 1000, talkMs: 600_000 });
    const call = await create();
    await step(1000);
    await step(5000);

    const ended = await client.calls(call.sid).update({ status: 'completed' });
    await emulator.calls.settled();

    expect(ended).toMatchObject({ status: 'completed', duration: '5' });
    expect(receiver.on('/status').at(-1)?.params).toMatchObject({
      CallStatus: 'completed',
      CallDuration: '5',
    });
  });

  it('a queued call can be canceled before it dials, and never dials', async () => {
    emulator.calls.script(TO, 'human', 'human');
    await create();
    const second = await create();
    expect(second.queueTime).toBe('1000');

    await client.calls(second.sid).update({ status: 'canceled' });
    await step(10_000);

    expect(emulator.calls.get(second.sid)?.startedAt).toBeNull();
    expect(emulator.calls.stats()).toMatchObject({ creates: 2, dials: 1 });
  });

  it('a machine with MachineDetection=Enable: the Url gets AnsweredBy after the detection', async () => {
    emulator.calls.script(TO, { outcome: 'machine', ringMs: 1000 });
    const call = await create({ machineDetection: 'Enable' });
    await step(1000);
    expect(receiver.on('/answer')).toEqual([]);
    await step(2000);

    expect(receiver.on('/answer')[0]?.params).toMatchObject({
      AnsweredBy: 'machine_start',
      MachineDetectionDuration: '2000',
      CallStatus: 'in-progress',
    });
    expect((await client.calls(call.sid).fetch()).answeredBy).toBe('machine_start');
  });

  it('AsyncAmd: the Url at once, then the AMD callback; DetectMessageEnd waits for the beep', async () => {
    emulator.calls.script(TO, { outcome: 'machine', ringMs: 1000, talkMs: 60_000 });
    const call = await create({
      machineDetection: 'DetectMessageEnd',
      asyncAmd: 'true',
      asyncAmdStatusCallback: `${receiver.baseUrl}/amd`,
    });
    await step(1000);
    expect(receiver.on('/answer')[0]?.params.AnsweredBy).toBeUndefined();
    await step(2000);

    expect(receiver.on('/amd').map((r) => [r.params, r.signatureValid])).toEqual([
      [
        {
          AccountSid: EMULATOR_ACCOUNT_SID,
          CallSid: call.sid,
          AnsweredBy: 'machine_end_beep',
          MachineDetectionDuration: '2000',
        },
        true,
      ],
    ]);
    await step(60_000);
    expect(receiver.on('/status').at(-1)?.params.AnsweredBy).toBe('machine_end_beep');
  });

  it('a human with AMD is AnsweredBy human', async () => {
    emulator.calls.script(TO, { outcome: 'human', ringMs: 1000 });
    await create({ machineDetection: 'Enable' });
    await step(3000);

    expect(receiver.on('/answer')[0]?.params.AnsweredBy).toBe('human');
  });

  it('Method=GET fetches the Url with the parameters in the query, signed over the URL', async () => {
    emulator.calls.script(TO, { outcome: 'human', ringMs: 1000 });
    await create({ method: 'GET', statusCallbackMethod: 'GET' });
    await step(1000);

    const [answer] = receiver.on('/answer');
    expect(answer).toMatchObject({ method: 'GET', signatureValid: true });
    expect(answer?.params.CallStatus).toBe('in-progress');
    expect(receiver.on('/status').every((r) => r.method === 'GET' && r.signatureValid)).toBe(true);
  });
});

describe('outbound calls on real time', () => {
  it('go through with the seeded mix and short durations', async () => {
    const receiver = await startCallbackReceiver(EMULATOR_AUTH_TOKEN);
    const emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
      calls: {
        callsPerSecond: 100,
        outcomes: { human: 1 },
        ringMs: { minMs: 1, maxMs: 5 },
        talkMs: { minMs: 5, maxMs: 10 },
      },
    });
    try {
      const { client } = sdkFor(emulator);
      const call = await client.calls.create({
        to: TO,
        from: FROM,
        url: `${receiver.baseUrl}/answer`,
        statusCallback: `${receiver.baseUrl}/status`,
      });

      const done = await emulator.calls.waitForStatus(call.sid, 'completed');
      await emulator.calls.settled();

      expect(done.answeredAt).not.toBeNull();
      expect(receiver.on('/status').map((r) => r.params.CallStatus)).toEqual(['completed']);
    } finally {
      await emulator.close();
      await receiver.close();
    }
  });
});
