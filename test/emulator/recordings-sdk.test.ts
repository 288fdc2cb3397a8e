import type { Twilio } from 'twilio';
import { startEmulator, type Emulator } from '../../src/emulator/emulator.js';
import { MP3_FRAME_BYTES } from '../../src/emulator/recording-media.js';
import {
  basicAuth,
  EMULATOR_ACCOUNT_SID,
  EMULATOR_AUTH_TOKEN,
  getJson,
  sdkFor,
} from '../support/emulator-sdk.js';
import { advanceSettling, createManualScheduler } from '../support/manual-scheduler.js';
import {
  describeWithOpenApi,
  loadSpec,
  responseSchema,
  shapeProblems,
} from '../support/openapi-shapes.js';
import { startTwimlApp } from '../support/twiml-app.js';

const START = Date.parse('2026-11-23T10:00:00Z');
const RECORDINGS = `/2010-04-01/Accounts/${EMULATOR_ACCOUNT_SID}/Recordings`;

describe('the Recordings resource and its media', () => {
  let emulator: Emulator;
  let scheduler: ReturnType<typeof createManualScheduler>;
  let app: Awaited<ReturnType<typeof startTwimlApp>>;
  let client: Twilio;
  beforeEach(async () => {
    scheduler = createManualScheduler(START);
    app = await startTwimlApp({
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
    client = sdkFor(emulator, { retryLimit: 0 }).client;
  });
  afterEach(async () => {
    await emulator.close();
    await app.close();
  });

  const advance = (ms: number) => advanceSettling(scheduler, () => emulator.calls.settled(), ms);
  /** A caller who leaves a message of `seconds` (then silence); the action's recording, if any. */
  const leaveMessage = async (seconds: number) => {
    const voice = emulator.voice;
    if (voice === undefined) throw new Error('playTwiml is on');
    const call = voice.callIn({
      url: app.url('/record'),
      from: '+14155550123',
      to: '+14155550100',
      caller: { messages: [{ seconds }] },
    });
    scheduler.advance(0);
    await emulator.calls.settled();
    await advance(seconds * 1000 + 2_000);
    const action = app.on('/recorded').find((r) => r.params.CallSid === call.sid);
    return {
      callSid: call.sid,
      sid: action?.params.RecordingSid ?? '',
      url: action?.params.RecordingUrl ?? '',
    };
  };
  const media = (path: string, authorization = basicAuth()) =>
    fetch(`${emulator.baseUrl}${path}`, { headers: { authorization } });

  it('the SDK fetches a recording: processing until Twilio has processed it, then completed', async () => {
    const { sid, callSid } = await leaveMessage(4);
    expect((await client.recordings(sid).fetch()).status).toBe('processing');
    expect((await media(`${RECORDINGS}/${sid}.mp3`)).status).toBe(404); // not ready yet
    await advance(2_000);
    const recording = await client.recordings(sid).fetch();
    expect(recording).toMatchObject({
      sid,
      accountSid: EMULATOR_ACCOUNT_SID,
      callSid,
      status: 'completed',
      duration: '4',
      channels: 1,
      source: 'RecordVerb',
      errorCode: null,
      conferenceSid: null,
      uri: `${RECORDINGS}/${sid}.json`,
      mediaUrl: `https://api.twilio.com${RECORDINGS}/${sid}`,
    });
    expect(recording.startTime).toEqual(new Date(START));
  });

  it('the list is newest first, filters by CallSid and pages through the SDK', async () => {
    const first = await leaveMessage(3);
    const second = await leaveMessage(5);
    const third = await leaveMessage(2);
    const all = await client.recordings.list({ pageSize: 2 });
    expect(all.map((r) => r.sid)).toEqual([third.sid, second.sid, first.sid]);
    const one = await client.recordings.list({ callSid: second.callSid });
    expect(one.map((r) => [r.sid, r.duration])).toEqual([[second.sid, '5']]);
    const page = await getJson(emulator, `${RECORDINGS}.json?CallSid=${second.callSid}&PageSize=1`);
    expect(page.body).toMatchObject({
      page: 0,
      page_size: 1,
      start: 0,
      end: 0,
      next_page_uri: null,
      uri: `${RECORDINGS}.json?CallSid=${second.callSid}&PageSize=1&Page=0`,
    });
  });

  it('the WAV is 8 kHz mono 16-bit PCM of the recording’s length', async () => {
    const { sid } = await leaveMessage(3);
    await advance(2_000);
    for (const path of [`${RECORDINGS}/${sid}.wav`, `${RECORDINGS}/${sid}`]) {
      const response = await media(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('audio/x-wav');
      const wav = Buffer.from(await response.arrayBuffer());
      expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
      expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
      expect(wav.toString('ascii', 8, 16)).toBe('WAVEfmt ');
      expect([wav.readUInt16LE(20), wav.readUInt16LE(22), wav.readUInt32LE(24)]).toEqual([
        1, 1, 8_000,
      ]);
      expect([wav.readUInt32LE(28), wav.readUInt16LE(32), wav.readUInt16LE(34)]).toEqual([
        16_000, 2, 16,
      ]);
      expect(wav.toString('ascii', 36, 40)).toBe('data');
      expect(wav.readUInt32LE(40)).toBe(3 * 16_000);
      expect(wav.length).toBe(44 + 3 * 16_000);
    }
  });

  it('the MP3 is MPEG-1 Layer III frames lasting the recording, fetched as bytes through the SDK', async () => {
    const { sid, url } = await leaveMessage(3);
    await advance(2_000);
    const answer = (await client.request({
      method: 'get',
      uri: `${url}.mp3`,
      headers: { Accept: 'audio/mpeg' },
    })) as { statusCode: number; headers: Record<string, unknown>; body: unknown };
    expect(answer.statusCode).toBe(200);
    expect(answer.headers).toMatchObject({ 'content-type': 'audio/mpeg' });
    const mp3 = answer.body as Buffer;
    expect(Buffer.isBuffer(mp3)).toBe(true);
    expect(mp3.length).toBe(125 * MP3_FRAME_BYTES); // 3 s of 24 ms frames
    for (let at = 0; at < mp3.length; at += MP3_FRAME_BYTES) {
      // sync, MPEG-1, Layer III, no CRC; 32 kbit/s, 48 kHz, no padding; mono
      expect([...mp3.subarray(at, at + 4)]).toEqual([0xff, 0xfb, 0x14, 0xc0]);
    }
    expect(sid).toMatch(/^RE/);
  });

  it('media and resource need the account’s credentials; an absent recording has no media', async () => {
    const { sid } = await leaveMessage(0);
    expect(sid).toBe(''); // an empty recording requests no action
    const [absent] = emulator.recordings.list();
    await advance(2_000);
    const path = `${RECORDINGS}/${absent?.sid}`;
    expect((await media(`${path}.json`, basicAuth('wrong'))).status).toBe(401);
    expect((await media(`${path}.wav`, basicAuth('wrong'))).status).toBe(401);
    expect((await getJson(emulator, `${path}.json`)).body).toMatchObject({
      status: 'absent',
      duration: '0',
      error_code: 16102,
    });
    expect((await media(`${path}.mp3`)).status).toBe(404);
    expect((await media(`${RECORDINGS}/RE${'0'.repeat(32)}.json`)).status).toBe(404);
    const post = await fetch(`${emulator.baseUrl}${path}.json`, {
      method: 'POST',
      headers: { authorization: basicAuth() },
    });
    expect(post.status).toBe(405);
  });

  describeWithOpenApi('shapes', () => {
    it('the recording and the list match Twilio’s OpenAPI description', async () => {
      const spec = loadSpec('twilio_api_v2010.json');
      const { sid } = await leaveMessage(2);
      await advance(2_000);
      const one = await getJson(emulator, `${RECORDINGS}/${sid}.json`);
      expect(
        shapeProblems(
          spec,
          responseSchema(spec, '/2010-04-01/Accounts/{AccountSid}/Recordings/{Sid}.json'),
          one.body,
        ),
      ).toEqual([]);
      const list = await getJson(emulator, `${RECORDINGS}.json`);
      expect(
        shapeProblems(
          spec,
          responseSchema(spec, '/2010-04-01/Accounts/{AccountSid}/Recordings.json'),
          list.body,
        ),
      ).toEqual([]);
    });
  });
});
