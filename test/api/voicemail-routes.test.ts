import request from 'supertest';
import { FileVoicemailStore } from '../../src/voicemail/file-voicemail-store.js';
import type { VoicemailStore } from '../../src/voicemail/voicemail.js';
import { API_TOKEN, NOW, buildTestApp } from '../support/test-app.js';

const MINUTE = 60_000;
const ALICE = 'vm-CA00000000000000000000000000000001';
const BOB = 'vm-CA00000000000000000000000000000002';
const CAROL = 'vm-CA00000000000000000000000000000003';

const recordingOf = (sid: string, receivedAt: number) => ({
  sid,
  url: `https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/${sid}`,
  durationSeconds: 14,
  receivedAt,
});

/**
 * Alice (support) left a message 30 minutes ago, transcribed; Bob (support) pressed 2 20
 * minutes ago and nothing arrived; Carol (sales) left one 10 minutes ago.
 */
async function storeWithMessages(): Promise<VoicemailStore> {
  const store = await FileVoicemailStore.open(undefined);
  const alice = {
    queue: 'support',
    callerCallSid: 'CA00000000000000000000000000000001',
    from: '+14155550101',
    requestedAt: NOW - 30 * MINUTE,
  };
  await store.request(alice);
  await store.saveRecording({ ...alice, recording: recordingOf('RE1', NOW - 29 * MINUTE) });
  await store.saveTranscription(ALICE, {
    status: 'completed',
    text: 'Please call me back about my order',
    receivedAt: NOW - 28 * MINUTE,
  });
  await store.request({
    queue: 'support',
    callerCallSid: 'CA00000000000000000000000000000002',
    requestedAt: NOW - 20 * MINUTE,
  });
  await store.saveRecording({
    queue: 'sales',
    callerCallSid: 'CA00000000000000000000000000000003',
    from: '+14155550103',
    requestedAt: NOW - 10 * MINUTE,
    recording: recordingOf('RE3', NOW - 9 * MINUTE),
  });
  return store;
}

async function setUp(store?: VoicemailStore) {
  const voicemails = store ?? (await storeWithMessages());
  const test = buildTestApp({ voicemails });
  const post = (path: string) =>
    request(test.app).post(path).set('Authorization', `Bearer ${API_TOKEN}`);
  return { ...test, voicemails, post };
}

const idsOf = (body: unknown) =>
  (body as { voicemails: { id: string }[] }).voicemails.map((v) => v.id);

describe('GET /api/voicemails', () => {
  it('lists every voicemail newest first, times as ISO 8601, absent parts as null', async () => {
    const { api } = await setUp();
    const res = await api('/api/voicemails');

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(idsOf(res.body)).toEqual([CAROL, BOB, ALICE]);
    const [carol, bob, alice] = (res.body as { voicemails: unknown[] }).voicemails;
    expect(alice).toEqual({
      id: ALICE,
      queue: 'support',
      callerCallSid: 'CA00000000000000000000000000000001',
      from: '+14155550101',
      state: 'new',
      requestedAt: '2026-11-23T09:30:00.000Z',
      recording: {
        sid: 'RE1',
        url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1',
        durationSeconds: 14,
        receivedAt: '2026-11-23T09:31:00.000Z',
      },
      transcription: {
        status: 'completed',
        text: 'Please call me back about my order',
        receivedAt: '2026-11-23T09:32:00.000Z',
      },
      doneAt: null,
    });
    expect(bob).toEqual({
      id: BOB,
      queue: 'support',
      callerCallSid: 'CA00000000000000000000000000000002',
      from: null,
      state: 'requested',
      requestedAt: '2026-11-23T09:40:00.000Z',
      recording: null,
      transcription: null,
      doneAt: null,
    });
    expect(carol).toMatchObject({ id: CAROL, queue: 'sales', state: 'new', transcription: null });
  });

  it('filters by queue and by state', async () => {
    const { api } = await setUp();

    expect(idsOf((await api('/api/voicemails?queue=support')).body)).toEqual([BOB, ALICE]);
    expect(idsOf((await api('/api/voicemails?state=new')).body)).toEqual([CAROL, ALICE]);
    expect(idsOf((await api('/api/voicemails?queue=support&state=new')).body)).toEqual([ALICE]);
    expect(idsOf((await api('/api/voicemails?queue=nobody')).body)).toEqual([]);
  });

  it('a bad filter: 400 INVALID_PARAMETER naming each problem', async () => {
    const { api } = await setUp();
    const res = await api('/api/voicemails?state=heard&colour=red');

    expect(res.status).toBe(400);
    const { error } = res.body as { error: { code: string; problems: { path: string }[] } };
    expect(error.code).toBe('INVALID_PARAMETER');
    expect(error.problems.map((p) => p.path).sort()).toEqual(['', 'state']);
  });

  it('without the bearer token: 401, and nothing listed', async () => {
    const { app } = await setUp();
    const res = await request(app).get('/api/voicemails');

    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
  });
});

describe('POST /api/voicemails/{id}/done', () => {
  it('marks a new voicemail done now, answers it, and keeps it', async () => {
    const { post, voicemails, logs } = await setUp();
    const res = await post(`/api/voicemails/${ALICE}/done`);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      voicemail: { id: ALICE, state: 'done', doneAt: '2026-11-23T10:00:00.000Z' },
    });
    expect(await voicemails.get(ALICE)).toMatchObject({ state: 'done', doneAt: NOW });
    expect(logs).toContainEqual(
      expect.objectContaining({ msg: 'voicemail marked done', voicemail: ALICE, doneAt: NOW }),
    );
  });

  it('done twice: the same answer, the first time kept', async () => {
    const { post, setNow } = await setUp();
    const first = await post(`/api/voicemails/${ALICE}/done`);
    setNow(NOW + 5 * MINUTE);
    const again = await post(`/api/voicemails/${ALICE}/done`);

    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
  });

  it('takes an empty JSON object; anything in it, or another type of body, is refused', async () => {
    const { post, voicemails } = await setUp();

    expect((await post(`/api/voicemails/${CAROL}/done`).send({ note: 'x' })).body).toMatchObject({
      error: { code: 'INVALID_PARAMETER', problems: [{ path: '' }] },
    });
    const form = await post(`/api/voicemails/${CAROL}/done`).type('form').send('done=1');
    expect(form.status).toBe(415);
    expect(form.body).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
    expect((await voicemails.get(CAROL))?.state).toBe('new');

    expect((await post(`/api/voicemails/${CAROL}/done`).send({})).status).toBe(200);
  });

  it('no such voicemail: 404 VOICEMAIL_NOT_FOUND', async () => {
    const { post } = await setUp();
    const res = await post('/api/voicemails/vm-CAnobody/done');

    expect(res.status).toBe(404);
    expect(res.body).toEqual({
      error: { code: 'VOICEMAIL_NOT_FOUND', message: 'No voicemail "vm-CAnobody"' },
    });
  });

  it('nothing recorded: cleared as done (a caller who left no message)', async () => {
    const { post, voicemails } = await setUp();
    const res = await post(`/api/voicemails/${BOB}/done`);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ voicemail: { id: BOB, state: 'done', recording: null } });
    expect((await voicemails.get(BOB))?.state).toBe('done');
  });
});

describe('/api/voicemails when the store cannot be reached', () => {
  it('answers 503 VOICEMAILS_UNAVAILABLE as JSON, for the list and for done', async () => {
    // Fails the way the Redis store does while Redis is down (a fail-fast connection).
    const down = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
    const store = await storeWithMessages();
    const { api, post } = await setUp({
      request: (input) => store.request(input),
      saveRecording: (input) => store.saveRecording(input),
      saveTranscription: (id, transcription) => store.saveTranscription(id, transcription),
      get: (id) => store.get(id),
      close: () => store.close(),
      list: down,
      markDone: down,
    });

    for (const res of [await api('/api/voicemails'), await post(`/api/voicemails/${ALICE}/done`)]) {
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({
        error: {
          code: 'VOICEMAILS_UNAVAILABLE',
          message: 'The voicemails cannot be read or changed now',
        },
      });
    }
  });
});
