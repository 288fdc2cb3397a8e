import { startEmulator, type CallerScript, type Emulator } from '../../src/emulator/emulator.js';
import { EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN, sdkFor } from '../support/emulator-sdk.js';
import { advanceSettling, createManualScheduler } from '../support/manual-scheduler.js';
import { startTwimlApp } from '../support/twiml-app.js';

const START = Date.parse('2026-11-23T10:00:00Z');
const CALLER = '+14155550123';
const LINE = '+14155550100';
/** "Press 2 to leave a message." : six words, 2.4 s at the emulator's speaking rate. */
const OFFER_MS = 2_400;
/** "Type your number, then the hash key." : seven words. */
const ASK_MS = 2_800;

describe('<Gather> with a scripted caller', () => {
  let emulator: Emulator;
  let scheduler: ReturnType<typeof createManualScheduler>;
  let app: Awaited<ReturnType<typeof startTwimlApp>>;
  beforeEach(async () => {
    scheduler = createManualScheduler(START);
    app = await startTwimlApp({
      authToken: EMULATOR_AUTH_TOKEN,
      now: () => scheduler.now(),
      answers: (url) => ({
        '/incoming': () =>
          `<Enqueue waitUrl="${url('/wait')}" action="${url('/queue-result')}">support</Enqueue>`,
        '/wait': () =>
          `<Gather numDigits="1" action="${url('/offer')}" method="POST" timeout="3">` +
          `<Say>Press 2 to leave a message.</Say></Gather><Pause length="10"/>`,
        '/offer': () => '<Leave/>',
        '/queue-result': () => '<Hangup/>',
        '/ask': () =>
          `<Gather numDigits="15" finishOnKey="#" action="${url('/number')}" timeout="8">` +
          `<Say>Type your number, then the hash key.</Say></Gather><Hangup/>`,
        '/number': () => '<Hangup/>',
        '/answer': () =>
          `<Gather numDigits="1" action="${url('/pressed')}"><Say>Press 1 now.</Say></Gather>`,
        '/pressed': () => '<Hangup/>',
      }),
    });
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
      calls: { scheduler, callsPerSecond: 10, playTwiml: true },
    });
  });
  afterEach(async () => {
    await emulator.close();
    await app.close();
  });

  /** Moves time in 100 ms steps, letting every request and its answer run in between. */
  const advance = (ms: number) => advanceSettling(scheduler, () => emulator.calls.settled(), ms);
  const callIn = async (path: string, caller?: CallerScript) => {
    const voice = emulator.voice;
    if (voice === undefined) throw new Error('playTwiml is on');
    const call = voice.callIn({
      url: app.url(path),
      from: CALLER,
      to: LINE,
      ...(caller === undefined ? {} : { caller }),
    });
    scheduler.advance(0);
    await emulator.calls.settled();
    return call;
  };

  it('a key pressed once the offer is said requests the action with Digits and the call parameters', async () => {
    const call = await callIn('/incoming', { keys: [{ digits: '2', heard: 'press 2' }] });
    expect(app.on('/wait')).toHaveLength(1);
    await advance(OFFER_MS - 100);
    expect(app.on('/offer')).toHaveLength(0);
    await advance(100);
    expect(app.on('/offer')).toEqual([
      expect.objectContaining({
        at: START + OFFER_MS,
        params: expect.objectContaining({
          Digits: '2',
          CallSid: call.sid,
          From: CALLER,
          To: LINE,
          AccountSid: EMULATOR_ACCOUNT_SID,
          Direction: 'inbound',
        }) as unknown,
      }),
    ]);
    // The action's <Leave/>: the caller leaves the queue at once.
    expect(app.on('/queue-result')[0]?.params).toMatchObject({ QueueResult: 'leave' });
    expect(call.gone.aborted).toBe(true);
    expect(app.received.every((r) => r.signatureValid)).toBe(true);
  });

  it('a key pressed during the prompt counts and cuts it short, as on Twilio', async () => {
    await callIn('/incoming', { keys: [{ digits: '2', afterMs: 1_000 }] });
    await advance(1_000);
    expect(app.on('/offer').map((r) => [r.at, r.params.Digits])).toEqual([[START + 1_000, '2']]);
  });

  it('keys wait for a Gather whose prompt says what they answer', async () => {
    await callIn('/incoming', { keys: [{ digits: '2', heard: 'press 9' }] });
    await advance(OFFER_MS + 3_000 + 10_000);
    expect(app.on('/offer')).toHaveLength(0);
    expect(app.on('/wait')).toHaveLength(2); // nothing pressed: the hold goes on
  });

  it('without a script nobody presses anything: the timeout passes and the next verb plays', async () => {
    await callIn('/incoming');
    await advance(OFFER_MS + 3_000 + 10_000 - 100);
    expect(app.on('/wait')).toHaveLength(1);
    await advance(100);
    expect(app.on('/wait')).toHaveLength(2);
    expect(app.on('/offer')).toHaveLength(0);
  });

  it('a typed number ends at the finishing key, which is not part of Digits', async () => {
    await callIn('/ask', { keys: [{ digits: '4155550199#', gapMs: 300 }] });
    await advance(ASK_MS + 10 * 300 - 100);
    expect(app.on('/number')).toHaveLength(0);
    await advance(100);
    expect(app.on('/number').map((r) => [r.at, r.params.Digits])).toEqual([
      [START + ASK_MS + 3_000, '4155550199'],
    ]);
  });

  it('a pause longer than the timeout after a key sends what was typed so far', async () => {
    const call = await callIn('/ask', { keys: [{ digits: '41', gapMs: 9_000 }] });
    await advance(ASK_MS + 8_000 - 100);
    expect(app.on('/number')).toHaveLength(0);
    await advance(100);
    expect(app.on('/number').map((r) => [r.at, r.params.Digits])).toEqual([
      [START + ASK_MS + 8_000, '4'],
    ]);
    expect(call.gone.aborted).toBe(true);
  });

  it('only the finishing key is no input: the next verb plays and no action is requested', async () => {
    const call = await callIn('/ask', { keys: [{ digits: '#' }] });
    await advance(ASK_MS);
    expect(app.on('/number')).toHaveLength(0);
    expect(call.gone.aborted).toBe(true); // the <Hangup/> after the Gather
  });

  it('a dialed callee follows the script given with the call outcome', async () => {
    const { client } = sdkFor(emulator, { retryLimit: 0 });
    emulator.calls.script('+14155550177', {
      outcome: 'human',
      ringMs: 1_000,
      talkMs: 60_000,
      caller: { keys: [{ digits: '1' }] },
    });
    const call = await client.calls.create({
      to: '+14155550177',
      from: LINE,
      url: app.url('/answer'),
    });
    await advance(1_000);
    expect(app.on('/answer')).toHaveLength(1);
    await advance(1_200); // "Press 1 now." : three words, 1.2 s
    expect(app.on('/pressed')).toEqual([
      expect.objectContaining({
        at: START + 2_200,
        params: expect.objectContaining({ Digits: '1', CallSid: call.sid }) as unknown,
      }),
    ]);
    expect(emulator.calls.get(call.sid)?.status).toBe('completed');
  });
});
