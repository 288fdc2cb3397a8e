import { Gauge } from 'prom-client';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/registry.js';
import { campaignAbandonment } from '../outbound/abandonment.js';
import type { CampaignRecord, CampaignStore } from '../outbound/campaign-store.js';

/**
 * Running campaigns, read when scraped: each one's calls in flight, its abandonment as the rules
 * count it (the 3% cap is what an alert watches), and a predictive one's budget left. Labelled
 * by campaign id; only running campaigns, so the series end with their campaigns. A store that
 * cannot be read leaves the gauges empty for that scrape rather than failing it.
 */
export function addCampaignMetrics(
  metrics: Pick<Metrics, 'registry'>,
  source: { readonly campaigns: Pick<CampaignStore, 'list'>; readonly logger: Logger },
): void {
  const registers = [metrics.registry];
  const running = async (): Promise<readonly CampaignRecord[]> => {
    try {
      return (await source.campaigns.list()).filter((record) => record.status === 'running');
    } catch (error) {
      source.logger.debug({ err: error }, 'campaign metrics: the campaigns could not be read');
      return [];
    }
  };
  const perCampaign = (
    name: string,
    help: string,
    read: (record: CampaignRecord) => number | null,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: ['campaign'],
      registers,
      async collect() {
        const records = await running();
        this.reset();
        for (const record of records) {
          const value = read(record);
          if (value !== null) this.set({ campaign: record.execution.id }, value);
        }
      },
    });
  perCampaign(
    'holdline_campaign_active_calls',
    'Attempts of a running campaign not ended: calls queued, ringing or in progress',
    (record) => record.counts.active,
  );
  perCampaign(
    'holdline_campaign_abandonment_ratio',
    'Abandoned ÷ live answers (connected + abandoned) of a running campaign; the cap is 0.03',
    (record) => campaignAbandonment(record.execution.settings, record.counts).abandonmentRate,
  );
  perCampaign(
    'holdline_campaign_abandon_budget',
    'Expected abandons a running predictive campaign may still cause before its target',
    (record) => campaignAbandonment(record.execution.settings, record.counts).abandonBudgetLeft,
  );
}
