import { Gauge } from 'prom-client';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/registry.js';
import { readCampaignPacing, type CampaignPacing } from '../outbound/campaign-pacing.js';
import type { CampaignRecord, CampaignStore } from '../outbound/campaign-store.js';

interface RunningCampaign {
  readonly record: CampaignRecord;
  readonly pacing: CampaignPacing;
}

/**
 * Running campaigns, read when scraped: each one's calls in flight, its abandonment as the rules
 * count it over their window (the 3% cap is what an alert watches), a predictive one's budget
 * left, and the runner's dial level. Labelled by campaign id; only running campaigns, so the
 * series end with their campaigns. A store that cannot be read leaves the gauges empty for that
 * scrape rather than failing it.
 */
export function addCampaignMetrics(
  metrics: Pick<Metrics, 'registry'>,
  source: {
    readonly campaigns: Pick<CampaignStore, 'list' | 'outcomesSince'>;
    readonly logger: Logger;
    readonly clock: Clock;
  },
): void {
  const registers = [metrics.registry];
  const running = async (): Promise<readonly RunningCampaign[]> => {
    try {
      const records = (await source.campaigns.list()).filter((r) => r.status === 'running');
      const now = source.clock.now();
      return await Promise.all(
        records.map(async (record) => ({
          record,
          pacing: await readCampaignPacing(source.campaigns, record, now),
        })),
      );
    } catch (error) {
      source.logger.debug({ err: error }, 'campaign metrics: the campaigns could not be read');
      return [];
    }
  };
  const perCampaign = (
    name: string,
    help: string,
    read: (campaign: RunningCampaign) => number | null,
  ) =>
    new Gauge({
      name,
      help,
      labelNames: ['campaign'],
      registers,
      async collect() {
        const campaigns = await running();
        this.reset();
        for (const campaign of campaigns) {
          const value = read(campaign);
          if (value !== null) this.set({ campaign: campaign.record.execution.id }, value);
        }
      },
    });
  perCampaign(
    'holdline_campaign_active_calls',
    'Attempts of a running campaign not ended: calls queued, ringing or in progress',
    ({ record }) => record.counts.active,
  );
  perCampaign(
    'holdline_campaign_abandonment_ratio',
    'Abandoned ÷ live answers of a running campaign over its rule’s window (US 30 days, UK 24 h, with estimated AMD false positives); the cap is 0.03',
    ({ pacing }) => pacing.abandonmentRate,
  );
  perCampaign(
    'holdline_campaign_abandon_budget',
    'Expected abandons a running predictive campaign may still cause before its target',
    ({ pacing }) => pacing.abandonBudgetLeft,
  );
  perCampaign(
    'holdline_campaign_dial_level',
    'Calls in progress per rep working a running campaign (parked or on its calls), as its runner last saw it',
    ({ pacing }) => pacing.dialLevel,
  );
}
