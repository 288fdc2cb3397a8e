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
    addCampaignMetrics(metrics, {
      campaigns,
      logger: createLogger({ level: 'silent' }),
      clock: { now: () => NOW },
    });
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

  it('the ratio counts only the rule’s window: a UK campaign’s abandons of two days ago are out', async () => {
    const { campaigns, metrics } = await setUp();
    await campaigns.create(
      execution('CE1', { pacing: { mode: 'progressive', abandonTarget: 0.02, abandonRule: 'uk' } }),
      contacts(4),
    );
    await campaigns.setStatus('CE1', ['ready'], 'running', undefined);
    const [a, b, c, d] = await campaigns.claim('CE1', 4, NOW);
    await campaigns.end('CE1', a!.id, { outcome: 'abandoned', at: NOW - 48 * 3_600_000 });
    await campaigns.end('CE1', b!.id, { outcome: 'connected', at: NOW - 3_600_000 });
    await campaigns.end('CE1', c!.id, { outcome: 'connected', at: NOW });
    await campaigns.end('CE1', d!.id, { outcome: 'abandoned', at: NOW });
    expect(
      await sampleOf(metrics, 'holdline_campaign_abandonment_ratio', { campaign: 'CE1' }),
    ).toBeCloseTo(1 / 3, 12);
  });

  it('show the dial level the runner wrote while it is fresh', async () => {
    const { campaigns, metrics } = await setUp();
    await running(campaigns, 'CE1', true);
    await running(campaigns, 'CE2', true);
    await running(campaigns, 'CE3', true);
    await campaigns.setPacingState('CE1', { dialLevel: 2.5, at: NOW - 1000 });
    await campaigns.setPacingState('CE2', { dialLevel: 3, at: NOW - 60_000 }); // its runner stopped
    expect(await sampleOf(metrics, 'holdline_campaign_dial_level', { campaign: 'CE1' })).toBe(2.5);
    expect(
      await sampleOf(metrics, 'holdline_campaign_dial_level', { campaign: 'CE2' }),
    ).toBeUndefined();
    expect(
      await sampleOf(metrics, 'holdline_campaign_dial_level', { campaign: 'CE3' }),
    ).toBeUndefined(); // never written
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
      campaigns: {
        list: () => Promise.reject(new Error('Redis is down')),
        outcomesSince: () => Promise.reject(new Error('Redis is down')),
      },
      logger: createLogger({ level: 'silent' }),
      clock: { now: () => NOW },
    });
    expect(await sampleOf(metrics, 'holdline_campaign_active_calls')).toBeUndefined();
    expect(await metrics.registry.metrics()).toContain('holdline_campaign_active_calls');
  });
});
