import express, { Router } from 'express';
import request from 'supertest';
import { addVoicemailAudioRoute } from '../../src/api/voicemail-audio-routes.js';
import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import { MP3_FRAME_BYTES } from '../../src/emulator/recording-media.js';
import { createErrorHandler } from '../../src/http/error-handler.js';
import { createRefusalLog } from '../../src/http/refusal-log.js';
import { installRequestContext } from '../../src/http/request-context.js';
import { FileVoicemailStore } from '../../src/voicemail/file-voicemail-store.js';
import type { VoicemailStore } from '../../src/voicemail/voicemail.js';
import { captureLogger } from '../support/capture-logger.js';
import { EMULATOR_ACCOUNT_SID, EMULATOR_AUTH_TOKEN, sdkFor } from '../support/emulator-sdk.js';
import { advanceSettling, createManualScheduler } from '../support/manual-scheduler.js';
import { startTwimlApp } from '../support/twiml-app.js';

const START = Date.parse('2026-11-23T10:00:00Z');
const CALL_SID = 'CA00000000000000000000000000000001';
const VOICEMAIL = `vm-${CALL_SID}`;

/**
 * GET /api/voicemails/{id}/recording against the emulator: a caller leaves a 6-second message
 * on an emulated call (the player's <Record>), the store keeps its RecordingUrl as the webhooks
 * would, and the route fetches the MP3 through the app's Twilio client.
 */
describe('GET /api/voicemails/{id}/recording', () => {
  let emulator: Emulator;
  let twimlApp: Awaited<ReturnType<typeof startTwimlApp>>;
  let store: VoicemailStore;
  let recordingUrl: string;
  beforeAll(async () => {
    const scheduler = createManualScheduler(START);
    twimlApp = await startTwimlApp({
      authToken: EMULATOR_AUTH_TOKEN,
      now: () => scheduler.now(),
      answers: (url) => ({
        '/record': () => `<Record action="${url('/recorded')}" playBeep="false" timeout="2"/>`,
        '/recorded': () => '<Hangup/>',
      }),
    });
    emulator = await startEmulator({
      accountSid: EMULATOR_ACCOUNT_SID,
      authToken: EMULATOR_AUTH_TOKEN,
      calls: { scheduler, playTwiml: true },
    });
    emulator.voice?.callIn({
      url: twimlApp.url('/record'),
      from: '+14155550123',
      to: '+14155550100',
      caller: { messages: [{ seconds: 6, end: { key: '#' } }] },
    });
    await advanceSettling(scheduler, () => emulator.calls.settled(), 9_000);
    const action = twimlApp.on('/recorded')[0]?.params;
    recordingUrl = action?.RecordingUrl ?? '';
    expect(recordingUrl).toMatch(/^https:\/\/api\.twilio\.com\/.*\/Recordings\/RE[0-9a-f]{32}$/);
  });
  afterAll(async () => {
    await emulator.close();
    await twimlApp.close();
  });
  beforeEach(async () => {
    store = await FileVoicemailStore.open(undefined);
    emulator.faults.clear();
    emulator.clearRequests();
  });

  const appWith = (voicemails: Pick<VoicemailStore, 'get'>, retryLimit = 0) => {
    const { logger, lines } = captureLogger();
    const app = express();
    installRequestContext(app, logger);
    const router = Router();
    addVoicemailAudioRoute(router, {
      voicemails,
      twilio: sdkFor(emulator, { retryLimit }).client,
    });
    app.use('/api', router);
    app.use(
      createErrorHandler({ refusals: createRefusalLog({ logger, clock: { now: () => START } }) }),
    );
    return { app, lines };
  };
  const keep = async (url: string) => {
    const caller = { queue: 'support', callerCallSid: CALL_SID, requestedAt: START };
    await store.request(caller);
    await store.saveRecording({
      ...caller,
      recording: { sid: url.slice(-34), url, durationSeconds: 6, receivedAt: START + 9_000 },
    });
  };
  const binary = (req: request.Test) =>
    req.buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });

  it('sends the recording as MP3, privately cacheable, bytes as Twilio served them', async () => {
    await keep(recordingUrl);
    const res = await binary(
      request(appWith(store).app).get(`/api/voicemails/${VOICEMAIL}/recording`),
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('audio/mpeg');
    expect(res.headers['cache-control']).toBe('private, max-age=3600');
    const mp3 = res.body as Buffer;
    expect(mp3.length).toBe(250 * MP3_FRAME_BYTES); // 6 s of 24 ms frames
    for (let at = 0; at < mp3.length; at += MP3_FRAME_BYTES) {
      expect([...mp3.subarray(at, at + 4)]).toEqual([0xff, 0xfb, 0x14, 0xc0]);
    }
    const sid = recordingUrl.slice(-34);
    expect(emulator.requests.entries.map((e) => [e.method, e.path, e.status])).toEqual([
      ['GET', `/2010-04-01/Accounts/${EMULATOR_ACCOUNT_SID}/Recordings/${sid}.mp3`, 200],
    ]);
  });

  it('no such voicemail: 404 VOICEMAIL_NOT_FOUND', async () => {
    const res = await request(appWith(store).app).get('/api/voicemails/vm-CAnope/recording');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: { code: 'VOICEMAIL_NOT_FOUND', message: 'No voicemail "vm-CAnope"' },
    });
  });

  it('pressed 2 but nothing recorded yet: 409 VOICEMAIL_NOT_RECORDED, Twilio not asked', async () => {
    await store.request({ queue: 'support', callerCallSid: CALL_SID, requestedAt: START });
    const res = await request(appWith(store).app).get(`/api/voicemails/${VOICEMAIL}/recording`);
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ error: { code: 'VOICEMAIL_NOT_RECORDED' } });
    expect(emulator.requests.entries).toHaveLength(0);
  });

  it('Twilio answers 404 for the recording: 502 RECORDING_UNAVAILABLE', async () => {
    await keep(recordingUrl.replace(/RE[0-9a-f]{32}$/, `RE${'0'.repeat(32)}`));
    const res = await request(appWith(store).app).get(`/api/voicemails/${VOICEMAIL}/recording`);
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ error: { code: 'RECORDING_UNAVAILABLE' } });
    expect(res.headers['cache-control']).toBeUndefined();
  });

  it('Twilio fails twice, then serves: the client retries and the audio comes through', async () => {
    await keep(recordingUrl);
    emulator.faults.script({ kind: 'server-error', status: 503, match: /Recordings/, times: 2 });
    const res = await binary(
      request(appWith(store, 2).app).get(`/api/voicemails/${VOICEMAIL}/recording`),
    );
    expect(res.status).toBe(200);
    expect((res.body as Buffer).length).toBe(250 * MP3_FRAME_BYTES);
    expect(emulator.requests.entries.map((e) => e.status)).toEqual([503, 503, 200]);
  });

  it('Twilio keeps failing: 502 once the retries are spent', async () => {
    await keep(recordingUrl);
    emulator.faults.script({ kind: 'server-error', status: 500, match: /Recordings/, times: 5 });
    const res = await request(appWith(store, 1).app).get(`/api/voicemails/${VOICEMAIL}/recording`);
    expect(res.status).toBe(502);
    expect(res.body).toMatchObject({ error: { code: 'RECORDING_UNAVAILABLE' } });
    expect(emulator.requests.entries).toHaveLength(2);
  });

  it('a URL that is not a Twilio recording is never requested with the credentials', async () => {
    await keep(
      `https://collector.example.test/2010-04-01/Accounts/${EMULATOR_ACCOUNT_SID}/Recordings/RE${'1'.repeat(32)}`,
    );
    const res = await request(appWith(store).app).get(`/api/voicemails/${VOICEMAIL}/recording`);
    expect(res.status).toBe(502);
    expect(emulator.requests.entries).toHaveLength(0);
  });

  it('a store that cannot be read: 503 VOICEMAILS_UNAVAILABLE', async () => {
    const down = { get: () => Promise.reject(new Error('connection refused')) };
    const res = await request(appWith(down).app).get(`/api/voicemails/${VOICEMAIL}/recording`);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ error: { code: 'VOICEMAILS_UNAVAILABLE' } });
  });
});
