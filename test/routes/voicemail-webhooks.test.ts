import request from 'supertest';
import { signTwilioRequest } from '../../src/twilio-webhook/sign.js';
import { FileVoicemailStore } from '../../src/voicemail/file-voicemail-store.js';
import type { Voicemail, VoicemailStore } from '../../src/voicemail/voicemail.js';
import { BASE_URL, NOW, REFUSED, SAY, buildTestApp, twiml } from '../support/test-app.js';

/*
 * What Twilio posts once the caller is recording (docs/voicemail.md): the Record's action, its
 * recording status callback (before or after the action) and its transcription callback. Each
 * is signed over our own URL, which carries the queue and the caller's number.
 */

const CALLER = 'CA0123456789abcdef0123456789abcdef';
const ACCOUNT = 'AC00000000000000000000000000000000';
const SID = 'RE0123456789abcdef0123456789abcdef';
const MEDIA = `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Recordings/${SID}`;
const QUERY = '?queue=customers&from=%2B14155550123';
const RECORDED = `/voice/voicemail/recorded${QUERY}`;
const RECORDING = `/voice/voicemail/recording${QUERY}`;
const TRANSCRIPTION = `/voice/voicemail/transcription${QUERY}`;

const action = (params: Record<string, string> = {}) => ({
  AccountSid: ACCOUNT,
  CallSid: CALLER,
  From: '+14155550123',
  To: '+18005550100',
  RecordingSid: SID,
  RecordingUrl: MEDIA,
  RecordingDuration: '14',
  Digits: '#',
  ...params,
});
const statusCallback = (params: Record<string, string> = {}) => ({
  AccountSid: ACCOUNT,
  CallSid: CALLER,
  RecordingSid: SID,
  RecordingUrl: MEDIA,
  RecordingStatus: 'completed',
  RecordingDuration: '14',
  RecordingChannels: '1',
  RecordingSource: 'RecordVerb',
  RecordingStartTime: 'Mon, 23 Nov 2026 09:59:40 +0000',
  ...params,
});
const transcriptionCallback = (params: Record<string, string> = {}) => ({
  AccountSid: ACCOUNT,
  CallSid: CALLER,
  From: '+14155550123',
  To: '+18005550100',
  TranscriptionSid: 'TR0123456789abcdef0123456789abcdef',
  TranscriptionStatus: 'completed',
  TranscriptionText: 'Hello, please call me about my order.',
  TranscriptionUrl: `https://api.twilio.com/2010-04-01/Accounts/${ACCOUNT}/Transcriptions/TR0123`,
  RecordingSid: SID,
  RecordingUrl: MEDIA,
  ...params,
});

const THANKS = twiml(
  `${SAY}Thank you. We have your message and will get back to you. Goodbye.</Say><Hangup/>`,
);
const EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

/** A voicemail requested at NOW - 60 s (the caller pressed 2), then recorded at NOW. */
const REQUESTED: Voicemail = {
  id: `vm-${CALLER}`,
  queue: 'customers',
  callerCallSid: CALLER,
  from: '+14155550123',
  requestedAt: NOW - 60_000,
  state: 'requested',
};
const RECORDED_ONE: Voicemail = {
  ...REQUESTED,
  state: 'new',
  recording: { sid: SID, url: MEDIA, durationSeconds: 14, receivedAt: NOW },
};

async function withRequest(store?: VoicemailStore) {
  const voicemails = store ?? (await FileVoicemailStore.open(undefined));
  await voicemails.request({
    queue: 'customers',
    callerCallSid: CALLER,
    from: '+14155550123',
    requestedAt: NOW - 60_000,
  });
  return { ...buildTestApp({ voicemails }), voicemails };
}

describe('POST /voice/voicemail/recorded (the Record action)', () => {
  it('keeps the recording and thanks the caller', async () => {
    const { post, voicemails } = await withRequest();
    const res = await post(RECORDED, action());
    expect(res.status).toBe(200);
    expect(res.text).toBe(THANKS);
    expect(await voicemails.list()).toEqual([RECORDED_ONE]);
  });

  it('a caller who hung up mid-message still leaves what was recorded; nobody hears the answer', async () => {
    const { post, voicemails } = await withRequest();
    const res = await post(RECORDED, action({ Digits: 'hangup', RecordingDuration: '6' }));
    expect(res.text).toBe(EMPTY);
    expect(await voicemails.list()).toEqual([
      { ...RECORDED_ONE, recording: { ...RECORDED_ONE.recording, durationSeconds: 6 } },
    ]);
  });

  it('a request never kept loses nothing: the recording makes the voicemail, the number from our URL', async () => {
    const voicemails = await FileVoicemailStore.open(undefined);
    const { post } = buildTestApp({ voicemails });
    await post(RECORDED, action({ From: 'anonymous' }));
    expect(await voicemails.list()).toEqual([{ ...RECORDED_ONE, requestedAt: NOW }]);
  });

  it('an empty recording keeps nothing', async () => {
    const { post, voicemails } = await withRequest();
    const res = await post(RECORDED, action({ RecordingDuration: '0' }));
    expect(res.text).toBe(THANKS);
    expect(await voicemails.list()).toEqual([REQUESTED]);
  });
});

describe('the action and the recording status callback, in either order', () => {
  it('action first, then completed: one recording, the second changes nothing', async () => {
    const { post, voicemails, logs } = await withRequest();
    await post(RECORDED, action());
    const res = await post(RECORDING, statusCallback());
    expect(res.text).toBe(EMPTY);
    expect(await voicemails.list()).toEqual([RECORDED_ONE]);
    expect(logs.filter((l) => l.msg === 'voicemail recording').map((l) => l.changed)).toEqual([
      true,
      false,
    ]);
  });

  it('completed first, then the action: the same one recording', async () => {
    const { post, voicemails, setNow } = await withRequest();
    await post(RECORDING, statusCallback());
    setNow(NOW + 2000);
    expect((await post(RECORDED, action())).text).toBe(THANKS);
    expect(await voicemails.list()).toEqual([RECORDED_ONE]);
  });

  it('the same status callback twice changes nothing', async () => {
    const { post, voicemails, setNow } = await withRequest();
    await post(RECORDING, statusCallback());
    setNow(NOW + 5000);
    await post(RECORDING, statusCallback());
    expect(await voicemails.list()).toEqual([RECORDED_ONE]);
  });

  it('absent or failed is only logged', async () => {
    const { post, voicemails, logs } = await withRequest();
    const absent = await post(
      RECORDING,
      statusCallback({ RecordingStatus: 'absent', RecordingDuration: '0' }),
    );
    await post(RECORDING, statusCallback({ RecordingStatus: 'failed', ErrorCode: '13617' }));
    expect(absent.text).toBe(EMPTY);
    expect(await voicemails.list()).toEqual([REQUESTED]);
    expect(
      logs.filter((l) => l.msg === 'voicemail recording not completed').map((l) => l.status),
    ).toEqual(['absent', 'failed']);
  });
});

describe('POST /voice/voicemail/transcription', () => {
  it('keeps the text on the call’s voicemail; a repeat changes nothing', async () => {
    const { post, voicemails, setNow } = await withRequest();
    await post(RECORDED, action());
    setNow(NOW + 30_000);
    const res = await post(TRANSCRIPTION, transcriptionCallback());
    setNow(NOW + 40_000);
    await post(TRANSCRIPTION, transcriptionCallback({ TranscriptionText: 'something else' }));

    expect(res.text).toBe(EMPTY);
    expect(await voicemails.get(`vm-${CALLER}`)).toEqual({
      ...RECORDED_ONE,
      transcription: {
        status: 'completed',
        text: 'Hello, please call me about my order.',
        receivedAt: NOW + 30_000,
      },
    });
  });

  it('a long text (two minutes of speech) is kept whole; a failed one without text', async () => {
    const { post, voicemails } = await withRequest();
    const long = 'word '.repeat(600).trim();
    await post(TRANSCRIPTION, transcriptionCallback({ TranscriptionText: long }));
    expect((await voicemails.get(`vm-${CALLER}`))?.transcription?.text).toBe(long);

    const other = await withRequest();
    await other.post(
      TRANSCRIPTION,
      transcriptionCallback({ TranscriptionStatus: 'failed', TranscriptionText: '' }),
    );
    expect((await other.voicemails.get(`vm-${CALLER}`))?.transcription).toEqual({
      status: 'failed',
      receivedAt: NOW,
    });
  });
});

describe('refused and failing requests', () => {
  const routes: [string, Record<string, string>, string][] = [
    [RECORDED, action(), REFUSED],
    [RECORDING, statusCallback(), EMPTY],
    [TRANSCRIPTION, transcriptionCallback(), EMPTY],
  ];

  it.each(routes)(
    '%s: unsigned 400, wrongly signed 403, and nothing kept',
    async (path, body, refused) => {
      const { app, voicemails } = await withRequest();
      const unsigned = await request(app).post(path).type('form').send(body);
      const forged = await request(app)
        .post(path)
        .type('form')
        .set('X-Twilio-Signature', signTwilioRequest('some-other-token', BASE_URL + path, body))
        .send(body);
      expect([unsigned.status, forged.status]).toEqual([400, 403]);
      expect(forged.text).toBe(refused);
      expect(await voicemails.list()).toEqual([REQUESTED]);
    },
  );

  it('a store that fails: each answers valid TwiML, and the failure is logged', async () => {
    const store = await FileVoicemailStore.open(undefined);
    const down = () => Promise.reject(new Error('connect ECONNREFUSED'));
    const failing: VoicemailStore = {
      request: (input) => store.request(input),
      saveRecording: down,
      saveTranscription: down,
      markDone: (id, at) => store.markDone(id, at),
      get: (id) => store.get(id),
      list: (filter) => store.list(filter),
      close: () => store.close(),
    };
    const { post, logs } = await withRequest(failing);
    const answers = [
      await post(RECORDED, action()),
      await post(RECORDING, statusCallback()),
      await post(TRANSCRIPTION, transcriptionCallback()),
    ];
    expect(answers.map((r) => [r.status, r.text])).toEqual([
      [200, THANKS],
      [200, EMPTY],
      [200, EMPTY],
    ]);
    expect(logs.filter((l) => l.level === 50).map((l) => l.msg)).toEqual([
      'could not keep a voicemail recording',
      'could not keep a voicemail recording',
      'could not keep a voicemail transcription',
    ]);
  });
});
