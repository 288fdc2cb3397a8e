import request from 'supertest';
import { FileCallbackStore } from '../../src/callbacks/file-callback-store.js';
import { FileVoicemailStore } from '../../src/voicemail/file-voicemail-store.js';
import { ADMIN_TOKEN, BASE_URL, NOW, buildTestApp } from '../support/test-app.js';
import { csrfOf, sessionCookieOf } from './admin-router-app.js';

/*
 * The voicemail and callback routes under /admin/api (createApp mounts them behind the admin
 * session, as it does the queue and campaign routes): the same answers as /api, for the page.
 */

const ALICE = 'vm-CA00000000000000000000000000000001';
const aliceCall = {
  queue: 'support',
  callerCallSid: 'CA00000000000000000000000000000001',
  from: '+14155550101',
  requestedAt: NOW - 600_000,
};

async function appWithMessages() {
  const voicemails = await FileVoicemailStore.open(undefined);
  await voicemails.saveRecording({
    ...aliceCall,
    recording: {
      sid: 'RE1',
      url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE1',
      durationSeconds: 9,
      receivedAt: NOW - 590_000,
    },
  });
  const callbacks = await FileCallbackStore.open(undefined);
  await callbacks.request({
    queue: 'support',
    phone: '+14155550102',
    callerCallSid: 'CA00000000000000000000000000000002',
    enteredAt: NOW - 900_000,
    requestedAt: NOW - 800_000,
  });
  const built = buildTestApp({ voicemails, callbacks });
  /** Logs in: requests carrying the session cookie, and the page's CSRF token. */
  const logIn = async () => {
    const login = await request(built.app)
      .post('/admin/login')
      .type('form')
      .set('Origin', BASE_URL)
      .send({ token: ADMIN_TOKEN });
    const cookie = sessionCookieOf(login.headers['set-cookie']) ?? '';
    const csrf = csrfOf((await request(built.app).get('/admin').set('Cookie', cookie)).text);
    return {
      csrf,
      get: (path: string) => request(built.app).get(path).set('Cookie', cookie),
      post: (path: string) =>
        request(built.app).post(path).set('Cookie', cookie).set('Origin', BASE_URL),
    };
  };
  return { ...built, voicemails, callbacks, logIn };
}

describe('/admin/api/voicemails and /admin/api/callbacks', () => {
  it('without a session: 401 for the lists and for done, and nothing changes', async () => {
    const { app, voicemails } = await appWithMessages();

    for (const res of [
      await request(app).get('/admin/api/voicemails'),
      await request(app).get('/admin/api/callbacks'),
      await request(app).post(`/admin/api/voicemails/${ALICE}/done`).set('Origin', BASE_URL),
    ]) {
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ error: { code: 'UNAUTHORIZED' } });
    }
    expect((await voicemails.get(ALICE))?.state).toBe('new');
  });

  it('with a session: the page reads the voicemails and the callbacks as /api answers them', async () => {
    const { logIn } = await appWithMessages();
    const { get } = await logIn();

    const listed = await get('/admin/api/voicemails?state=new');
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({
      voicemails: [
        {
          id: ALICE,
          state: 'new',
          from: '+14155550101',
          recording: { sid: 'RE1', durationSeconds: 9 },
        },
      ],
    });
    const callbacks = await get('/admin/api/callbacks');
    expect(callbacks.status).toBe(200);
    expect(callbacks.body).toMatchObject({
      callbacks: [{ id: 'cb-CA00000000000000000000000000000002', state: 'waiting' }],
    });
  });

  it('done needs the session’s CSRF token: without it 403 CSRF_FAILED and nothing changes', async () => {
    const { logIn, voicemails } = await appWithMessages();
    const { post } = await logIn();

    for (const res of [
      await post(`/admin/api/voicemails/${ALICE}/done`),
      await post(`/admin/api/voicemails/${ALICE}/done`).set('X-CSRF-Token', 'not-the-token'),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ error: { code: 'CSRF_FAILED' } });
    }
    expect((await voicemails.get(ALICE))?.state).toBe('new');
  });

  it('done with the token, as the page’s bare POST sends it: 200 and kept', async () => {
    const { logIn, voicemails } = await appWithMessages();
    const { post, csrf } = await logIn();
    const res = await post(`/admin/api/voicemails/${ALICE}/done`)
      .set('X-CSRF-Token', csrf)
      .set('Content-Length', '0');

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      voicemail: { id: ALICE, state: 'done', doneAt: '2026-11-23T10:00:00.000Z' },
    });
    expect(await voicemails.get(ALICE)).toMatchObject({ state: 'done', doneAt: NOW });
  });

  it('a callback is canceled from the page the same way: the CSRF token, or nothing moves', async () => {
    const { logIn, callbacks } = await appWithMessages();
    const { post, csrf } = await logIn();
    const path = '/admin/api/callbacks/cb-CA00000000000000000000000000000002/cancel';

    expect((await post(path)).status).toBe(403);
    expect((await callbacks.get('cb-CA00000000000000000000000000000002'))?.state).toBe('waiting');
    const res = await post(path).set('X-CSRF-Token', csrf);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ callback: { state: 'canceled' } });
  });
});
