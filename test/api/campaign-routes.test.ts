import request from 'supertest';
import { MemoryControlLog } from '../../src/outbound/control-log.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { API_TOKEN, NOW, buildTestApp } from '../support/test-app.js';

const HOUR = 3_600_000;

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
    return { ...test, post, control, campaigns };
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
      abandonRule: 'us',
      windowHours: 720,
      abandonmentRate: null, // nobody has answered yet
      windowLiveAnswers: 0,
      windowAbandoned: 0,
      windowEstimatedFalsePositives: 0,
      lifetimeAbandonmentRate: null,
      abandonTarget: 0.02,
      abandonCap: 0.03,
      abandonBudgetLeft: 0, // no live answers: no risk may be taken yet
      dialLevel: null,
      dialLevelAt: null, // no runner has said anything
      dialLevelStale: true,
    });
  });

  it('counts over the rule’s window, apart from the lifetime rate, and shows the runner’s dial level', async () => {
    const { api, post, campaigns } = await setUp();
    const created = await post('/api/campaigns', {
      name: 'uk',
      settings: {
        ...SETTINGS,
        machineDetection: true,
        pacing: { mode: 'predictive', abandonRule: 'uk', amdFalsePositiveRate: 0.5 },
      },
      csv: ['phone', ...[1, 2, 3, 4, 5, 6].map((n) => `+1415555010${n}`)].join('\n'),
    });
    expect(created.status).toBe(201);
    const { id } = (created.body as { campaign: { id: string } }).campaign;
    await campaigns.setStatus(id, ['ready'], 'running', undefined);
    const [a, b, c, d, e, f] = await campaigns.claim(id, 6, NOW);
    // Two days ago (outside the UK's 24 hours): an abandon. Within them: three connected, one
    // abandoned, one machine verdict (half a person, estimated).
    await campaigns.end(id, a!.id, { outcome: 'abandoned', at: NOW - 48 * HOUR });
    for (const attempt of [b, c, d]) {
      await campaigns.end(id, attempt!.id, { outcome: 'connected', at: NOW - HOUR });
    }
    await campaigns.end(id, e!.id, { outcome: 'abandoned', at: NOW });
    await campaigns.end(id, f!.id, { outcome: 'machine', at: NOW });
    await campaigns.setPacingState(id, { dialLevel: 1.5, at: NOW - 2000 });

    const shown = await api(`/api/campaigns/${id}`);
    expect((shown.body as { pacing: unknown }).pacing).toEqual({
      mode: 'predictive',
      abandonRule: 'uk',
      windowHours: 24,
      abandonmentRate: 1.5 / 4.5,
      windowLiveAnswers: 4.5,
      windowAbandoned: 1.5,
      windowEstimatedFalsePositives: 0.5,
      lifetimeAbandonmentRate: 2 / 5,
      abandonTarget: 0.02,
      abandonCap: 0.03,
      abandonBudgetLeft: 0,
      dialLevel: 1.5,
      dialLevelAt: new Date(NOW - 2000).toISOString(),
      dialLevelStale: false,
    });
    const listed = await api('/api/campaigns');
    expect(
      (listed.body as { campaigns: { pacing: { dialLevel: number } }[] }).campaigns.map(
        (campaign) => campaign.pacing.dialLevel,
      ),
    ).toEqual([1.5]);

    // The runner stopped writing: its last dial level is stale, and not shown as current.
    await campaigns.setPacingState(id, { dialLevel: 1.5, at: NOW - 60_000 });
    expect(((await api(`/api/campaigns/${id}`)).body as { pacing: unknown }).pacing).toMatchObject({
      dialLevel: null,
      dialLevelAt: new Date(NOW - 60_000).toISOString(),
      dialLevelStale: true,
    });
  });
});
