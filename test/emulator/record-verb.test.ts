import { startEmulator, type CallerScript, type Emulator } from '../../src/emulator/emulator.js';
import { rfc2822 } from '../../src/emulator/voice-resources.js';
import { EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN } from '../support/emulator-sdk.js';
import { advanceSettling, createManualScheduler } from '../support/manual-scheduler.js';
import { startTwimlApp } from '../support/twiml-app.js';

const START = Date.parse('2026-11-23T10:00:00Z');
const CALLER = '+14155550123';
const LINE = '+14155550100';
/** "Press 2 to leave a message." (six words, 2.4 s), the key at its end. */
const OFFER_MS = 2_400;
/** "Please leave a message after the beep." (seven words), then the 500 ms beep. */
const RECORDING_STARTS = START + OFFER_MS + 2_800 + 500;
const RECORDING_URL = new RegExp(
  `^https://api\\.twilio\\.com/2010-04-01/Accounts/${EMULATOR_ACCOUNT_SID}/Recordings/RE[0-9a-f]{32}$`,
);

describe('<Record> played to a scripted caller', () => {
  let emulator: Emulator;
  let scheduler: ReturnType<typeof createManualScheduler>;
  let app: Awaited<ReturnType<typeof startTwimlApp>>;
  let maxLength = 60;
  beforeEach(async () => {
    maxLength = 60;
    scheduler = createManualScheduler(START);
    app = await startTwimlApp({
      authToken: EMULATOR_AUTH_TOKEN,
      now: () => scheduler.now(),
      answers: (url) => ({
        '/incoming': () =>
          `<Enqueue waitUrl="${url('/wait')}" action="${url('/queue-result')}">support</Enqueue>`,
        '/wait': () =>
          `<Gather numDigits="1" action="${url('/offer')}" timeout="3">` +
          `<Say>Press 2 to leave a message.</Say></Gather><Pause length="10"/>`,
        '/offer': () => '<Leave/>',
        '/queue-result': () =>
          `<Say>Please leave a message after the beep.</Say>` +
          `<Record action="${url('/recorded')}" maxLength="${maxLength}" finishOnKey="#" playBeep="true" timeout="5" ` +
          `recordingStatusCallback="${url('/recording-status')}" recordingStatusCallbackMethod="POST" ` +
          `recordingStatusCallbackEvent="completed absent" transcribe="true" transcribeCallback="${url('/transcribed')}"/>` +
          `<Say>We did not get a message.</Say><Hangup/>`,
        '/recorded': () => `<Redirect>${url('/after-message')}</Redirect>`,
        '/after-message': () => '<Say>Thank you, goodbye.</Say><Hangup/>',
      }),
    });
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
      calls: { scheduler, playTwiml: true },
    });
  });
  afterEach(async () => {
    await emulator.close();
    await app.close();
  });

  const advance = (ms: number) => advanceSettling(scheduler, () => emulator.calls.settled(), ms);
  /** A caller who presses 2 at the offer and then does what `messages` say. */
  const callIn = async (messages: CallerScript['messages']) => {
    const voice = emulator.voice;
    if (voice === undefined) throw new Error('playTwiml is on');
    const call = voice.callIn({
      url: app.url('/incoming'),
      from: CALLER,
      to: LINE,
      caller: { keys: [{ digits: '2' }], ...(messages === undefined ? {} : { messages }) },
    });
    scheduler.advance(0);
    await emulator.calls.settled();
    return call;
  };
  const paths = () => app.received.map((r) => r.path);

  it('a message ended with # requests the action with the recording, then the status callback and the transcription follow', async () => {
    const call = await callIn([{ seconds: 12, end: { key: '#' }, transcript: 'Call me back.' }]);
    await advance(RECORDING_STARTS + 12_000 - START - 100);
    expect(app.on('/recorded')).toHaveLength(0);
    await advance(100);
    const [action] = app.on('/recorded');
    expect(action?.at).toBe(RECORDING_STARTS + 12_000);
    expect(action?.params).toMatchObject({
      AccountSid: EMULATOR_ACCOUNT_SID,
      CallSid: call.sid,
      From: CALLER,
      To: LINE,
      CallStatus: 'in-progress',
      RecordingDuration: '12',
      Digits: '#',
    });
    expect(action?.params.RecordingUrl).toMatch(RECORDING_URL);
    const sid = action?.params.RecordingSid ?? '';
    expect(action?.params.RecordingUrl?.endsWith(`/Recordings/${sid}`)).toBe(true);
    expect(emulator.recordings.get(sid)?.status).toBe('processing');

    await advance(1_900);
    expect(app.on('/recording-status')).toHaveLength(0);
    await advance(100);
    expect(app.on('/recording-status')).toEqual([
      {
        path: '/recording-status',
        at: RECORDING_STARTS + 14_000,
        signatureValid: true,
        params: {
          AccountSid: EMULATOR_ACCOUNT_SID,
          CallSid: call.sid,
          RecordingSid: sid,
          RecordingUrl: action?.params.RecordingUrl,
          RecordingStatus: 'completed',
          RecordingDuration: '12',
          RecordingChannels: '1',
          RecordingSource: 'RecordVerb',
          RecordingStartTime: rfc2822(RECORDING_STARTS),
          ErrorCode: '0',
        },
      },
    ]);
    expect(call.gone.aborted).toBe(true); // "Thank you, goodbye." and the hang-up came first

    await advance(5_000);
    const [transcription] = app.on('/transcribed');
    expect(transcription?.at).toBe(RECORDING_STARTS + 19_000);
    expect(transcription?.params).toMatchObject({
      TranscriptionText: 'Call me back.',
      TranscriptionStatus: 'completed',
      RecordingSid: sid,
      RecordingUrl: action?.params.RecordingUrl,
      CallSid: call.sid,
      AccountSid: EMULATOR_ACCOUNT_SID,
      From: CALLER,
      To: LINE,
      Direction: 'inbound',
    });
    // The call's standard parameters ride along, but not its CallStatus of the recording's time.
    expect(transcription?.params.CallStatus).toBeUndefined();
    expect(transcription?.params.TranscriptionSid).toMatch(/^TR[0-9a-f]{32}$/);
    expect(transcription?.params.TranscriptionUrl).toBe(
      `https://api.twilio.com/2010-04-01/Accounts/${EMULATOR_ACCOUNT_SID}/Transcriptions/${transcription?.params.TranscriptionSid}`,
    );
    expect(paths()).toEqual([
      '/incoming',
      '/wait',
      '/offer',
      '/queue-result',
      '/recorded',
      '/after-message',
      '/recording-status',
      '/transcribed',
    ]);
    expect(app.received.every((r) => r.signatureValid)).toBe(true);
  });

  it('a caller who hangs up mid-message: the action still comes (Digits=hangup), its TwiML is not played', async () => {
    const call = await callIn([{ seconds: 7, end: 'hangup' }]);
    await advance(RECORDING_STARTS + 7_000 - START);
    expect(call.gone.aborted).toBe(true);
    expect(app.on('/recorded')).toEqual([
      expect.objectContaining({
        at: RECORDING_STARTS + 7_000,
        params: expect.objectContaining({
          Digits: 'hangup',
          RecordingDuration: '7',
          CallStatus: 'completed',
        }) as unknown,
      }),
    ]);
    await advance(2_000);
    expect(app.on('/recording-status')[0]?.params).toMatchObject({
      RecordingStatus: 'completed',
      RecordingDuration: '7',
    });
    expect(app.on('/after-message')).toHaveLength(0); // the action's <Redirect> never ran
  });

  it('a silent caller leaves an empty recording: no action, the next verb plays, the status is absent (16102)', async () => {
    const call = await callIn(undefined);
    await advance(RECORDING_STARTS + 5_000 - START);
    expect(app.on('/recorded')).toHaveLength(0);
    expect(call.gone.aborted).toBe(false); // "We did not get a message." is being said
    await advance(2_400);
    expect(call.gone.aborted).toBe(true);
    await advance(2_000);
    expect(app.on('/recorded')).toHaveLength(0);
    expect(app.on('/recording-status')[0]?.params).toMatchObject({
      RecordingStatus: 'absent',
      RecordingDuration: '0',
      ErrorCode: '16102',
    });
    await advance(10_000);
    expect(app.on('/transcribed')).toHaveLength(0);
  });

  it('a caller who hangs up at the beep: no action, absent as too short (16101)', async () => {
    const call = await callIn([{ seconds: 0, end: 'hangup' }]);
    await advance(RECORDING_STARTS - START + 2_000);
    expect(call.gone.aborted).toBe(true);
    expect(app.on('/recorded')).toHaveLength(0);
    expect(app.on('/recording-status')[0]?.params).toMatchObject({
      RecordingStatus: 'absent',
      ErrorCode: '16101',
    });
  });

  it('silence after the message ends it `timeout` seconds later, trimmed, with no Digits', async () => {
    await callIn([{ seconds: 9 }]);
    await advance(RECORDING_STARTS + 14_000 - START - 100);
    expect(app.on('/recorded')).toHaveLength(0);
    await advance(100);
    const params = app.on('/recorded')[0]?.params;
    expect(params).toMatchObject({ RecordingDuration: '9' });
    expect(params?.Digits).toBeUndefined();
  });

  it('maxLength cuts a long message; over two minutes nothing is transcribed', async () => {
    maxLength = 300;
    await callIn([{ seconds: 400 }]);
    await advance(RECORDING_STARTS + 300_000 - START);
    expect(app.on('/recorded')[0]?.params).toMatchObject({ RecordingDuration: '300' });
    expect(app.on('/recorded')[0]?.params.Digits).toBeUndefined();
    await advance(20_000);
    expect(app.on('/recording-status')[0]?.params.RecordingStatus).toBe('completed');
    expect(app.on('/transcribed')).toHaveLength(0);
  });

  it('a message of exactly two minutes is transcribed; null transcript: the transcription fails', async () => {
    maxLength = 300;
    await callIn([{ seconds: 120, end: { key: '#' }, transcript: null }]);
    await advance(RECORDING_STARTS + 120_000 + 7_000 - START);
    expect(app.on('/transcribed')[0]?.params).toMatchObject({ TranscriptionStatus: 'failed' });
    expect(app.on('/transcribed')[0]?.params.TranscriptionText).toBeUndefined();
  });
});
