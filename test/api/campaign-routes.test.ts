import request from 'supertest';
import { MemoryControlLog } from '../../src/outbound/control-log.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { API_TOKEN, buildTestApp } from '../support/test-app.js';

const QUEUE = 'outbound-sales';
const SETTINGS = { targetQueue: QUEUE, callerId: '+15005550006', message: 'This was Example Co.' };

/** /api/campaigns: what a campaign manager sends, and the errors it gets, by their codes. */
describe('/api/campaigns', () => {
  async function setUp() {
    const campaigns = await EmbeddedCampaignStore.open(undefined);
    const control = new MemoryControlLog();
    const test = buildTestApp({
      env: { QUEUES: `customers,${QUEUE}` },
      outbound: { campaigns, control },
    });
    const post = (path: string, body?: unknown) =>
      request(test.app)
        .post(path)
        .set('Authorization', `Bearer ${API_TOKEN}`)
        .send(body as object);
    return { ...test, post, control };
  }

  it('refuses a campaign with bad settings: 400 INVALID_CAMPAIGN, naming each problem', async () => {
    const { post } = await setUp();
    const response = await post('/api/campaigns', {
      name: 'renewals',
      settings: {
        ...SETTINGS,
        targetQueue: 'nowhere',
        pacing: { mode: 'predictive', abandonTarget: 0.05 },
      },
      csv: 'phone\n+14155550101',
    });
    expect(response.status).toBe(400);
    const { error } = response.body as {
      error: { code: string; problems: { path: string }[] };
    };
    expect(error.code).toBe('INVALID_CAMPAIGN');
    expect(error.problems.map((p) => p.path).sort()).toEqual([
      'settings.pacing.abandonTarget',
      'settings.targetQueue',
    ]);
  });

  it('an unknown campaign: 404 CAMPAIGN_NOT_FOUND, for reads and commands alike', async () => {
    const { api, post } = await setUp();
    for (const response of [
      await api('/api/campaigns/CEnope'),
      await post('/api/campaigns/CEnope/start'),
    ]) {
      expect(response.status).toBe(404);
      expect((response.body as { error: { code: string } }).error.code).toBe('CAMPAIGN_NOT_FOUND');
    }
  });

  it('shows each campaign’s abandonment as the rules count it, and a predictive one’s budget', async () => {
    const { api, post } = await setUp();
    const created = await post('/api/campaigns', {
      name: 'predictive',
      settings: { ...SETTINGS, pacing: { mode: 'predictive' } },
      csv: 'phone\n+14155550101',
    });
    expect(created.status).toBe(201);
    const { campaign } = created.body as { campaign: { id: string } };

    const shown = await api(`/api/campaigns/${campaign.id}`);
    expect((shown.body as { pacing: unknown }).pacing).toEqual({
      mode: 'predictive',
      abandonmentRate: null, // nobody has answered yet
      abandonTarget: 0.02,
      abandonCap: 0.03,
      abandonBudgetLeft: 0, // no live answers: no risk may be taken yet
    });
  });
});
