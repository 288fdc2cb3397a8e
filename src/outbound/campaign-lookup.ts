import type { CampaignExecution } from './campaign.js';
import type { CampaignRecord, CampaignStore } from './campaign-store.js';

/**
 * Executions by id for the webhooks. An execution never changes once written, so each process
 * reads it once; a webhook then costs no store read for it.
 */
export class CampaignLookup {
  private readonly known = new Map<string, CampaignExecution>();
  private listed: { at: number; records: readonly CampaignRecord[] } | undefined;

  constructor(private readonly store: Pick<CampaignStore, 'get' | 'list'>) {}

  /**
   * The executions that put their callees in `queue`, from a list at most `maxAgeMs` old: a
   * campaign created since is not missed, since its first callee needs longer than that to ring
   * and answer.
   */
  async targeting(queue: string, now: number): Promise<CampaignExecution[]> {
    return (await this.recent(now))
      .map((r) => r.execution)
      .filter((e) => e.settings.targetQueue === queue);
  }

  /** The executions running now, as of a list at most `maxAgeMs` old. */
  async running(now: number): Promise<CampaignExecution[]> {
    return (await this.recent(now)).filter((r) => r.status === 'running').map((r) => r.execution);
  }

  private async recent(now: number, maxAgeMs = 5_000): Promise<readonly CampaignRecord[]> {
    if (this.listed === undefined || now - this.listed.at > maxAgeMs) {
      const records = await this.store.list();
      for (const r of records) this.known.set(r.execution.id, r.execution);
      this.listed = { at: now, records };
    }
    return this.listed.records;
  }

  async get(id: string | undefined): Promise<CampaignExecution | undefined> {
    if (id === undefined) return undefined;
    const cached = this.known.get(id);
    if (cached !== undefined) return cached;
    const record = await this.store.get(id);
    if (record !== undefined) this.known.set(id, record.execution);
    return record?.execution;
  }
}
