import { campaignAbandonment, windowStart, type CampaignAbandonment } from './abandonment.js';
import type { CampaignRecord, CampaignStore } from './campaign-store.js';

/**
 * A running campaign's runner writes its dial level every few seconds (dialer/dial-level.ts);
 * one older than this, or of a campaign not running, is stale: its runner stopped or died.
 */
export const DIAL_LEVEL_STALE_AFTER_MS = 30_000;

/** What the API, the admin page and /metrics show of a campaign's pacing. */
export interface CampaignPacing extends CampaignAbandonment {
  /** Calls in progress per rep working the campaign; null with no rep, or when stale. */
  readonly dialLevel: number | null;
  /** When the runner last wrote it (ISO 8601); null if it never did. */
  readonly dialLevelAt: string | null;
  /** The last dial level written is too old, or the campaign is not running. */
  readonly dialLevelStale: boolean;
}

/** Reads the campaign's legal window and puts it together with the runner's dial level. */
export async function readCampaignPacing(
  store: Pick<CampaignStore, 'outcomesSince'>,
  record: CampaignRecord,
  now: number,
): Promise<CampaignPacing> {
  const { execution, counts, pacingState, status } = record;
  const window = await store.outcomesSince(execution.id, windowStart(execution.settings, now));
  const stale =
    pacingState === undefined ||
    status !== 'running' ||
    now - pacingState.at > DIAL_LEVEL_STALE_AFTER_MS;
  return {
    ...campaignAbandonment(execution.settings, counts, window),
    dialLevel: stale ? null : pacingState.dialLevel,
    dialLevelAt: pacingState === undefined ? null : new Date(pacingState.at).toISOString(),
    dialLevelStale: stale,
  };
}
