import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics/registry.js';
import { EmbeddedCampaignStore } from '../../src/outbound/embedded-campaign-store.js';
import { addCampaignMetrics } from '../../src/runtime/campaign-metrics.js';
import { contacts, execution } from '../outbound/campaign-fixtures.js';
import { sampleOf } from '../metrics/sample.js';

const NOW = Date.parse('2026-11-23T10:00:00Z');

describe('the campaign gauges', () => {
  async function setUp() {
    const campaigns = await EmbeddedCampaignStore.open(undefined);
    const metrics = createMetrics({ processMetrics: false });
    addCampaignMetrics(metrics, { campaigns, logger: createLogger({ level: 'silent' }) });
    return { campaigns, metrics };
  }

  /** Two people answered: one connected, one abandoned; one call still ringing. */
  async function running(campaigns: EmbeddedCampaignStore, id: string, predictive: boolean) {
    await campaigns.create(
      execution(id, predictive ? { pacing: { mode: 'predictive', abandonTarget: 0.02 } } : {}),
      contacts(5),
    );
    await campaigns.setStatus(id, ['ready'], 'running', undefined);
    const [a, b, c] = await campaigns.claim(id, 3, NOW);
    await campaigns.end(id, a!.id, { outcome: 'connected', at: NOW });
    await campaigns.end(id, b!.id, { outcome: 'abandoned', at: NOW });
    await campaigns.advance(id, c!.id, ['claimed'], { state: 'dialing', dialedAt: NOW });
  }

  it('show each running campaign’s calls in flight and abandonment; a predictive one’s budget', async () => {
    const { campaigns, metrics } = await setUp();
    await running(campaigns, 'CE1', false);
    await running(campaigns, 'CE2', true);

    expect(await sampleOf(metrics, 'holdline_campaign_active_calls', { campaign: 'CE1' })).toBe(1);
    expect(
      await sampleOf(metrics, 'holdline_campaign_abandonment_ratio', { campaign: 'CE1' }),
    ).toBe(0.5);
    expect(
      await sampleOf(metrics, 'holdline_campaign_abandon_budget', { campaign: 'CE1' }),
    ).toBeUndefined(); // progressive: no budget
    expect(await sampleOf(metrics, 'holdline_campaign_abandon_budget', { campaign: 'CE2' })).toBe(
      0, // one abandon in two answers: spent
    );
  });

  it('a campaign that stops running leaves the gauges', async () => {
    const { campaigns, metrics } = await setUp();
    await running(campaigns, 'CE1', false);
    await campaigns.setStatus('CE1', ['running'], 'paused', undefined);
    expect(
      await sampleOf(metrics, 'holdline_campaign_active_calls', { campaign: 'CE1' }),
    ).toBeUndefined();
  });

  it('a store that cannot be read leaves them empty, and the scrape still answers', async () => {
    const metrics = createMetrics({ processMetrics: false });
    addCampaignMetrics(metrics, {
      campaigns: { list: () => Promise.reject(new Error('Redis is down')) },
      logger: createLogger({ level: 'silent' }),
    });
    expect(await sampleOf(metrics, 'holdline_campaign_active_calls')).toBeUndefined();
    expect(await metrics.registry.metrics()).toContain('holdline_campaign_active_calls');
  });
});
