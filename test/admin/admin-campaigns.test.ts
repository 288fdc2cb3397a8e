import request from 'supertest';
import { MemoryControlLog } from '../../src/outbound/control-log.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { ADMIN_TOKEN, BASE_URL, buildTestApp } from '../support/test-app.js';
import { csrfOf, sessionCookieOf } from './admin-router-app.js';

/*
 * The campaign routes under /admin/api (createApp mounts them behind the admin session, as it
 * does the queue routes): the same answers as /api/campaigns, for the page's script.
 */

const CSV = ['phone,name', '+14155550101,Ada', 'not a number,Bob', '+14155550101,Ada again'].join(
  '\n',
);
const NEW_CAMPAIGN = {
  name: 'Renewals',
  settings: { targetQueue: 'customers', callerId: '+15005550006', message: 'This was Example Co.' },
  csv: CSV,
};

async function appWithCampaigns(options: { outbound?: boolean } = {}) {
  const campaigns = await EmbeddedCampaignStore.open(undefined);
  const control = new MemoryControlLog();
  const built = buildTestApp({
    env: { OUTBOUND_ACCOUNT_CPS: '10', OUTBOUND_CPS_SHARE_PERCENT: '50' },
    ...(options.outbound === false ? {} : { outbound: { campaigns, control } }),
  });
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
      get: (path: string) => request(built.app).get(path).set('Cookie', cookie),
      post: (path: string, body?: unknown, token = csrf) =>
        request(built.app)
          .post(path)
          .set('Cookie', cookie)
          .set('Origin', BASE_URL)
          .set('X-CSRF-Token', token)
          .send(body as object),
    };
  };
  /** The commands on the control stream so far (the queue service's share). */
  const commands = async () =>
    (await control.read('test', 0)).map(({ campaignId, command }) => ({ campaignId, command }));
  return { ...built, campaigns, logIn, commands };
}

describe('/admin/api/campaigns', () => {
  it('without a session: 401 for reads, creations and commands, and nothing is created or sent', async () => {
    const { app, campaigns, commands } = await appWithCampaigns();
    const list = await request(app).get('/admin/api/campaigns');
    expect(list.status).toBe(401);
    expect(list.body).toMatchObject({ error: { code: 'UNAUTHORIZED' } });

    const create = await request(app)
      .post('/admin/api/campaigns')
      .set('Origin', BASE_URL)
      .send(NEW_CAMPAIGN);
    expect(create.status).toBe(401);
    expect(await campaigns.list()).toEqual([]);

    const start = await request(app).post('/admin/api/campaigns/CE1/start').set('Origin', BASE_URL);
    expect(start.status).toBe(401);
    expect(await commands()).toEqual([]);
  });

  it('creates a campaign from CSV, reporting refused rows and duplicates; the list shows it with the queues and CPS limit', async () => {
    const { logIn } = await appWithCampaigns();
    const { get, post } = await logIn();
    const created = await post('/admin/api/campaigns', NEW_CAMPAIGN);
    expect(created.status).toBe(201);
    const body = created.body as {
      campaign: { id: string; name: string; status: string; progress: { total: number } };
      rows: { line: number; reason: string }[];
      duplicates: { line: number; firstLine: number; phone: string }[];
    };
    expect(body.campaign).toMatchObject({ name: 'Renewals', status: 'ready' });
    expect(body.campaign.progress.total).toBe(1);
    expect(body.rows.map((row) => row.line)).toEqual([3]);
    expect(body.duplicates).toEqual([{ line: 4, firstLine: 2, phone: '+14155550101' }]);

    const list = await get('/admin/api/campaigns');
    expect(list.status).toBe(200);
    expect(list.headers['cache-control']).toMatch(/no-cache|no-store/);
    expect(list.body).toMatchObject({
      campaigns: [{ id: body.campaign.id, name: 'Renewals', status: 'ready' }],
      targetQueues: ['premium-customers', 'customers'],
      callsPerSecondLimit: 5,
    });
    expect((await get(`/admin/api/campaigns/${body.campaign.id}`)).body).toMatchObject({
      id: body.campaign.id,
      progress: { total: 1, remaining: 1, dialed: 0 },
    });
  });

  it('sends a command with the CSRF token, and refuses one without it (403, nothing sent)', async () => {
    const { logIn, commands } = await appWithCampaigns();
    const { post } = await logIn();
    const id = (
      (await post('/admin/api/campaigns', NEW_CAMPAIGN)).body as { campaign: { id: string } }
    ).campaign.id;

    const forged = await post(`/admin/api/campaigns/${id}/start`, undefined, 'not-the-token');
    expect(forged.status).toBe(403);
    expect(forged.body).toMatchObject({ error: { code: 'CSRF_FAILED' } });
    expect(await commands()).toEqual([]);

    const sent = await post(`/admin/api/campaigns/${id}/start`);
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ campaign: id, command: 'start', accepted: true });
    expect(await commands()).toEqual([{ campaignId: id, command: 'start' }]);
  });

  it('without outbound campaigns, answers 404 under the session', async () => {
    const { logIn } = await appWithCampaigns({ outbound: false });
    const { get } = await logIn();
    const res = await get('/admin/api/campaigns');
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
