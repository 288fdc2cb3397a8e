import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';
import request from 'supertest';
import { FileCallbackStore } from '../../src/callbacks/file-callback-store.js';
import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import { MP3_FRAME_BYTES } from '../../src/emulator/recording-media.js';
import { defaultQueueMetadata } from '../../src/metadata/queue-metadata.js';
import { FileVoicemailStore } from '../../src/voicemail/file-voicemail-store.js';
import { EMULATOR_ACCOUNT_SID, sdkFor } from '../support/emulator-sdk.js';
import { advanceSettling, createManualScheduler } from '../support/manual-scheduler.js';
import { API_TOKEN, AUTH_TOKEN, NOW, buildTestApp, freshStats } from '../support/test-app.js';

const CALLER = '+14155550123';
const OUR_NUMBER = '+14155550000';

/**
 * Voicemail over HTTP, the app listening and the emulator playing its TwiML to a scripted
 * caller: the callback offer on a wait turn, 2 pressed while it is said, the Leave, the Record
 * the Enqueue action plays, a 14-second message ended with #, then the recording's status
 * callback and its transcription; the voicemail is kept, and its audio comes back through the
 * app's recording route from the emulator's Recordings.
 */
describe('a caller leaves a message through the emulator', () => {
  let emulator: Emulator;
  let server: Server;
  let baseUrl: string;
  let scheduler: ReturnType<typeof createManualScheduler>;
  let voicemails: FileVoicemailStore;
  let app: Express;

  beforeEach(async () => {
    scheduler = createManualScheduler(NOW);
    const target: { app?: Express } = {};
    server = createServer((req, res) => {
      target.app?.(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      calls: { scheduler, playTwiml: true },
    });
    voicemails = await FileVoicemailStore.open(undefined);
    const built = buildTestApp({
      // Every turn may announce: the first wait turn (QueueTime 0) then makes the offer.
      env: { PUBLIC_BASE_URL: baseUrl, ANNOUNCE_ESTIMATE_MIN_INTERVAL_SECONDS: '0' },
      snapshot: freshStats,
      callbacks: await FileCallbackStore.open(undefined),
      voicemails,
      recordings: sdkFor(emulator, { authToken: AUTH_TOKEN }).client,
    });
    const res = await built.apiPut(
      '/api/queues/customers/metadata',
      {
        ...defaultQueueMetadata('customers'),
        callbackOfferSeconds: 10,
        voicemailMaxSeconds: 90,
        voicemailTranscribe: true,
      },
      '"1"',
    );
    expect(res.status).toBe(200);
    target.app = built.app;
    app = built.app;
  });
  afterEach(async () => {
    await emulator.close();
    await new Promise((resolve) => server.close(resolve));
  });

  const advance = (ms: number) => advanceSettling(scheduler, () => emulator.calls.settled(), ms);

  it('keeps the recording and its transcription, and serves the audio', async () => {
    const voice = emulator.voice;
    if (voice === undefined) throw new Error('playTwiml is on');
    const call = voice.callIn({
      url: `${baseUrl}/voice/incoming`,
      from: CALLER,
      to: OUR_NUMBER,
      caller: {
        keys: [{ digits: '2', heard: 'to leave a message, press 2', afterMs: 1_000 }],
        messages: [{ seconds: 14, end: { key: '#' }, transcript: 'Please call me back.' }],
      },
    });
    await advance(60_000);
    expect(call.gone.aborted).toBe(true);
    // Joined after the 14 s greeting, 2 pressed 1 s into the offer, left at once.
    expect(voice.visits()).toEqual([
      expect.objectContaining({ callSid: call.sid, queue: 'customers', result: 'leave' }),
    ]);
    expect(voice.visits()[0]?.leftAt).toBe(NOW + 15_100);
    const [voicemail] = await voicemails.list();
    expect(voicemail).toMatchObject({
      id: `vm-${call.sid}`,
      queue: 'customers',
      callerCallSid: call.sid,
      from: CALLER,
      state: 'new',
      recording: { durationSeconds: 14 },
      transcription: { status: 'completed', text: 'Please call me back.' },
    });
    const [recording] = emulator.recordings.list();
    expect(voicemail?.recording).toMatchObject({
      sid: recording?.sid,
      url: `https://api.twilio.com/2010-04-01/Accounts/${EMULATOR_ACCOUNT_SID}/Recordings/${recording?.sid}`,
    });
    // The status callback and the transcription were answered by the app.
    expect(recording?.callbacks.map((c) => [c.kind, c.status])).toEqual([
      ['recording-status', 200],
      ['transcription', 200],
    ]);

    // Played as the admin page's player asks for it: the app fetches it from "Twilio".
    const audio = await request(app)
      .get(`/api/voicemails/vm-${call.sid}/recording`)
      .set('Authorization', `Bearer ${API_TOKEN}`)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(audio.status).toBe(200);
    expect(audio.headers['content-type']).toBe('audio/mpeg');
    expect((audio.body as Buffer).length).toBe(Math.ceil(14_000 / 24) * MP3_FRAME_BYTES);
  });
});
