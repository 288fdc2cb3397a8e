import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import twilio, { type Twilio } from 'twilio';
import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import { EMULATOR_AUTH_TOKEN, EMULATOR_ACCOUNT_SID, sdkFor } from '../support/emulator-sdk.js';
import { createManualScheduler } from '../support/manual-scheduler.js';

const START = Date.parse('2026-11-23T10:00:00Z');
const CALLEE = '+14155550101';
const CAMPAIGN_NUMBER = '+14155550100';
const REP_LINE = '+14155550199';

interface Received {
  readonly path: string;
  readonly params: Record<string, string>;
  readonly signatureValid: boolean;
}

/**
 * The app's part, as holdline answers: the callee is enqueued with a 2-second wait and a
 * message when they leave; the rep waits on the queue in a long dial and dials again after.
 */
async function startApp(): Promise<{
  url(path: string): string;
  received: Received[];
  close(): Promise<void>;
}> {
  const received: Received[] = [];
  let base = '';
  const url = (path: string) => `${base}${path}`;
  const twiml = (body: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;
  const answers: Record<string, () => string> = {
    '/answer': () =>
      `<Enqueue waitUrl="${url('/wait')}" action="${url('/queue-result')}">campaign</Enqueue>`,
    '/wait': () => '<Pause length="2"/><Leave/>',
    '/queue-result': () => '<Say>This was Acme calling about your order.</Say><Hangup/>',
    '/rep': () =>
      `<Dial action="${url('/rep')}" timeout="35"><Queue url="${url('/dequeued')}">campaign</Queue></Dial>`,
    '/dequeued': () => '',
  };
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.post(/.*/, (req, res) => {
    const params = { ...(req.body as Record<string, string>) };
    const signatureValid = twilio.validateRequest(
      EMULATOR_AUTH_TOKEN,
      req.header('X-Twilio-Signature') ?? '',
      url(req.originalUrl),
      params,
    );
    received.push({ path: req.path, params, signatureValid });
    const answer = answers[req.path];
    if (answer === undefined) res.status(204).end();
    else res.type('text/xml').send(twiml(answer()));
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

describe('the emulator plays the TwiML of answered calls, queues included', () => {
  let emulator: Emulator;
  let app: Awaited<ReturnType<typeof startApp>>;
  let scheduler: ReturnType<typeof createManualScheduler>;
  let client: Twilio;
  beforeEach(async () => {
    scheduler = createManualScheduler(START);
    app = await startApp();
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
      calls: { scheduler, callsPerSecond: 10, playTwiml: true },
    });
    client = sdkFor(emulator, { retryLimit: 0 }).client;
  });
  afterEach(async () => {
    await emulator.close();
    await app.close();
  });

  const step = async (ms: number) => {
    scheduler.advance(ms);
    await emulator.calls.settled();
  };
  const on = (path: string) => app.received.filter((r) => r.path === path);
  const voice = () => {
    if (emulator.voice === undefined) throw new Error('playTwiml is on');
    return emulator.voice;
  };
  const dialCallee = (script: { ringMs: number; talkMs: number }) => {
    emulator.calls.script(CALLEE, { outcome: 'human', ...script });
    return client.calls.create({
      to: CALLEE,
      from: CAMPAIGN_NUMBER,
      url: app.url('/answer'),
      statusCallback: app.url('/status'),
      statusCallbackEvent: ['completed'],
    });
  };

  it('a rep already waiting on the queue takes the callee at once; both actions come when the call ends', async () => {
    const rep = voice().callIn({ url: app.url('/rep'), from: REP_LINE, to: REP_LINE });
    await step(0);
    expect(on('/rep')).toHaveLength(1);

    const call = await dialCallee({ ringMs: 4000, talkMs: 60_000 });
    await step(4000);
    expect(on('/dequeued')).toHaveLength(1);
    expect(on('/dequeued')[0]?.params).toMatchObject({
      CallSid: call.sid,
      DequeingCallSid: rep.sid,
      QueueTime: '0',
    });
    expect(on('/wait')).toHaveLength(0); // taken before any hold music
    expect(voice().visits()).toEqual([
      expect.objectContaining({ callSid: call.sid, queue: 'campaign', bridgedAt: START + 4000 }),
    ]);
    expect(on('/queue-result')).toHaveLength(0); // a bridged caller's action waits for the end

    await step(59_999);
    expect(on('/status')).toHaveLength(0);
    await step(1);
    expect(on('/status')).toHaveLength(1);
    expect(on('/rep')).toHaveLength(2);
    expect(on('/queue-result')[0]?.params).toMatchObject({
      CallSid: call.sid,
      QueueResult: 'bridged',
      QueueTime: '0',
    });
    expect(on('/rep')[1]?.params).toMatchObject({
      CallSid: rep.sid,
      DequeueResult: 'bridged',
      DequeuedCallSid: call.sid,
      DialCallDuration: '60',
    });
    expect(emulator.calls.get(call.sid)).toMatchObject({ status: 'completed' });
    expect(app.received.every((r) => r.signatureValid)).toBe(true);
    rep.hangUp();
  });

  it('with no rep, the callee hears the wait URL, leaves at its <Leave>, hears the message and is hung up on', async () => {
    const call = await dialCallee({ ringMs: 3000, talkMs: 60_000 });
    await step(3000);
    expect(on('/wait')).toHaveLength(1);
    expect(on('/wait')[0]?.params).toMatchObject({
      CallSid: call.sid,
      QueuePosition: '1',
      CurrentQueueSize: '1',
      QueueTime: '0',
    });
    await step(1999);
    expect(on('/queue-result')).toHaveLength(0);
    await step(1);
    expect(on('/queue-result')[0]?.params).toMatchObject({ QueueResult: 'leave', QueueTime: '2' });
    expect(emulator.calls.get(call.sid)?.status).toBe('in-progress'); // the message is playing

    await step(10_000);
    expect(emulator.calls.get(call.sid)?.status).toBe('completed');
    expect(voice().visits()[0]).toMatchObject({ result: 'leave', leftAt: START + 5000 });
    expect(voice().visits()[0]?.bridgedAt).toBeUndefined();
  });

  it('a rep whose dial times out on an empty queue hears queue-empty at its action', async () => {
    const rep = voice().callIn({ url: app.url('/rep'), from: REP_LINE, to: REP_LINE });
    await step(0);
    await step(34_999);
    expect(on('/rep')).toHaveLength(1);
    await step(1);
    expect(on('/rep')).toHaveLength(2);
    expect(on('/rep')[1]?.params).toMatchObject({ CallSid: rep.sid, DequeueResult: 'queue-empty' });
    rep.hangUp();
  });

  it('a callee who hangs up in the queue gets hangup at the action; a rep dialing later finds no one', async () => {
    const call = await dialCallee({ ringMs: 1000, talkMs: 60_000 });
    await step(1000);
    expect(on('/wait')).toHaveLength(1);
    await client.calls(call.sid).update({ status: 'completed' });
    await step(0);
    expect(on('/queue-result')).toHaveLength(1);
    expect(on('/queue-result')[0]?.params).toMatchObject({ QueueResult: 'hangup' });

    const rep = voice().callIn({ url: app.url('/rep'), from: REP_LINE, to: REP_LINE });
    await step(0);
    expect(on('/rep')).toHaveLength(1);
    expect(on('/dequeued')).toHaveLength(0);
    await step(35_000);
    expect(on('/rep')[1]?.params).toMatchObject({ DequeueResult: 'queue-empty' });
    rep.hangUp();
  });

  it('a REST redirect takes a waiting callee out of the queue (redirected) and plays the new URL', async () => {
    const call = await dialCallee({ ringMs: 1000, talkMs: 60_000 });
    await step(1000);
    expect(on('/wait')).toHaveLength(1);

    await client.calls(call.sid).update({ url: app.url('/queue-result'), method: 'POST' });
    await step(0);
    const results = on('/queue-result');
    // The <Enqueue action> (its TwiML unplayed) and the redirect's own request.
    expect(results.map((r) => r.params.QueueResult)).toEqual(['redirected', undefined]);
    expect(emulator.calls.get(call.sid)?.status).toBe('in-progress');
    await step(10_000);
    expect(emulator.calls.get(call.sid)?.status).toBe('completed');
    expect(voice().visits()[0]).toMatchObject({ result: 'redirected' });
  });

  it('a REST redirect of a bridged callee ends the bridge: the rep dials on', async () => {
    const rep = voice().callIn({ url: app.url('/rep'), from: REP_LINE, to: REP_LINE });
    await step(0);
    const call = await dialCallee({ ringMs: 1000, talkMs: 60_000 });
    await step(1000);
    expect(voice().visits()[0]?.bridgedAt).toBe(START + 1000);

    await client.calls(call.sid).update({ url: app.url('/queue-result'), method: 'POST' });
    await step(0);
    expect(on('/rep')).toHaveLength(2);
    expect(on('/rep')[1]?.params).toMatchObject({
      DequeueResult: 'bridged',
      DequeuedCallSid: call.sid,
    });
    rep.hangUp();
  });

  it('a call that is not answered cannot be redirected (21220)', async () => {
    const call = await dialCallee({ ringMs: 5000, talkMs: 60_000 });
    await expect(
      client.calls(call.sid).update({ url: app.url('/answer'), method: 'POST' }),
    ).rejects.toMatchObject({ status: 400, code: 21220 });
  });
});
