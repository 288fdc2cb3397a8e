import type { CampaignExecution } from './campaign.js';
import type { CampaignStore } from './campaign-store.js';

/**
 * Executions by id for the webhooks. An execution never changes once written, so each process
 * reads it once; a webhook then costs no store read for it.
 */
export class CampaignLookup {
  private readonly known = new Map<string, CampaignExecution>();

  constructor(private readonly store: Pick<CampaignStore, 'get'>) {}

  async get(id: string | undefined): Promise<CampaignExecution | undefined> {
    if (id === undefined) return undefined;
    const cached = this.known.get(id);
    if (cached !== undefined) return cached;
    const record = await this.store.get(id);
    if (record !== undefined) this.known.set(id, record.execution);
    return record?.execution;
  }
}
