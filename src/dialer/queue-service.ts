import type { Clock, Wait } from '../clock.js';
import { realWait } from '../clock.js';
import type { Logger } from '../logger.js';
import type { Attempt } from '../outbound/attempt.js';
import type { CampaignExecution, CampaignStatus, ControlCommand } from '../outbound/campaign.js';
import type { CampaignStore } from '../outbound/campaign-store.js';
import type { ControlEntry, ControlLog } from '../outbound/control-log.js';
import type { QueueEvent } from '../outbound/disposition.js';
import type { CallPlacer } from './call-placer.js';
import type { CampaignRunner } from './campaign-runner.js';

/**
 * Which process runs a running campaign: one at a time. Embedded mode has one process; the
 * Redis backend leases each campaign to one worker and lets another adopt it when that one dies.
 */
export interface CampaignOwnership {
  acquire(campaignId: string): Promise<boolean>;
  /** Still ours? Renews the lease; false when another process took it. */
  renew(campaignId: string): Promise<boolean>;
  release(campaignId: string): Promise<void>;
}

export const SOLE_OWNER: CampaignOwnership = {
  acquire: () => Promise.resolve(true),
  renew: () => Promise.resolve(true),
  release: () => Promise.resolve(),
};

export interface QueueServiceDeps {
  readonly store: CampaignStore;
  readonly control: ControlLog;
  readonly ownership: CampaignOwnership;
  /** Ends calls (the same Calls API whoever placed them). */
  readonly placer: Pick<CallPlacer, 'end'>;
  /** The call of an attempt whose call SID is not known yet (a flow's call): to cancel it. */
  readonly findCall: (
    campaign: CampaignExecution,
    attempt: Attempt,
  ) => Promise<{ readonly sid: string; readonly status: string } | undefined>;
  readonly runner: (campaign: CampaignExecution) => CampaignRunner;
  /** This process's name in the control group. */
  readonly consumer: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly wait?: Wait;
  /** How often running campaigns without an owner are looked for; also the read's block. */
  readonly adoptEveryMs: number;
  /** An unacknowledged command older than this is taken from its (dead) consumer. */
  readonly claimAfterMs: number;
}

/** Each command: the statuses it moves from, where to, and the event it publishes. */
const MOVES: Record<
  ControlCommand,
  { from: CampaignStatus[]; to: CampaignStatus; event: QueueEvent['event'] }
> = {
  start: { from: ['ready'], to: 'running', event: 'started' },
  pause: { from: ['running'], to: 'paused', event: 'paused' },
  resume: { from: ['paused'], to: 'running', event: 'resumed' },
  stop: { from: ['ready', 'running', 'paused'], to: 'stopped', event: 'stopped' },
};

/**
 * The original design's queue service: it follows the control stream, moves each campaign's
 * status (a compare-and-set that publishes the matching event on `queue_event_stream`), runs a
 * CampaignRunner for every running campaign it owns, and acknowledges a command only after its
 * effect is durable, so a command whose consumer died is claimed again and applied once.
 */
export class QueueService {
  private readonly abort = new AbortController();
  private readonly runners = new Map<string, CampaignRunner>();
  private loop: Promise<void> | undefined;

  constructor(private readonly deps: QueueServiceDeps) {}

  start(): void {
    this.loop ??= this.follow();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.loop;
    await Promise.all([...this.runners.values()].map((r) => r.stop()));
    await Promise.all([...this.runners.keys()].map((id) => this.deps.ownership.release(id)));
  }

  /** Tells the campaign's runner that something happened (a call ended). */
  poke(campaignId: string): void {
    this.runners.get(campaignId)?.poke();
  }

  private async follow(): Promise<void> {
    const { control, consumer, logger } = this.deps;
    while (!this.abort.signal.aborted) {
      try {
        await this.adopt();
        const entries = [
          ...(await control.claimStale(consumer, this.deps.claimAfterMs)),
          ...(await control.read(consumer, this.deps.adoptEveryMs, this.abort.signal)),
        ];
        for (const entry of entries) {
          await this.apply(entry);
          await control.ack(entry.id);
        }
      } catch (error) {
        if (this.abort.signal.aborted) return;
        logger.warn({ err: error }, 'queue service: control stream read failed; trying again');
        await (this.deps.wait ?? realWait)(this.deps.adoptEveryMs, this.abort.signal).catch(
          () => undefined,
        );
      }
    }
  }

  private async apply(entry: ControlEntry): Promise<void> {
    const { store, clock, logger } = this.deps;
    const move = MOVES[entry.command];
    const moved = await store.setStatus(entry.campaignId, move.from, move.to, {
      campaignId: entry.campaignId,
      event: move.event,
      at: clock.now(),
    });
    logger.info(
      { campaign: entry.campaignId, command: entry.command, applied: moved },
      'campaign command',
    );
    const record = await store.get(entry.campaignId);
    if (record === undefined) return;
    if (record.status === 'running') await this.run(record.execution);
    else this.runners.get(entry.campaignId)?.poke();
    // Also when the stop was applied before a crash and is claimed again (moved is then false):
    // canceling a call that no longer rings changes nothing.
    if (entry.command === 'stop' && record.status === 'stopped') {
      await this.cancelRinging(record.execution);
    }
  }

  /** Running campaigns nobody runs (after a restart, or their owner died) are taken up. */
  private async adopt(): Promise<void> {
    for (const record of await this.deps.store.list()) {
      const id = record.execution.id;
      if (this.runners.has(id)) {
        if (!(await this.deps.ownership.renew(id))) await this.drop(id);
      } else if (record.status === 'running') {
        await this.run(record.execution);
      }
    }
  }

  private async run(campaign: CampaignExecution): Promise<void> {
    if (this.runners.has(campaign.id) || !(await this.deps.ownership.acquire(campaign.id))) return;
    const runner = this.deps.runner(campaign);
    this.runners.set(campaign.id, runner);
    void runner.start().finally(() => {
      if (this.runners.get(campaign.id) !== runner) return;
      this.runners.delete(campaign.id);
      void this.deps.ownership.release(campaign.id);
    });
  }

  private async drop(campaignId: string): Promise<void> {
    const runner = this.runners.get(campaignId);
    this.runners.delete(campaignId);
    await runner?.stop();
  }

  /**
   * Stop: calls not yet answered are canceled when the campaign says so. A flow's call whose SID
   * the flow has not reported yet is looked up first.
   */
  private async cancelRinging(campaign: CampaignExecution): Promise<void> {
    if (!campaign.settings.cancelRingingOnStop) return;
    for (const attempt of await this.deps.store.active(campaign.id)) {
      if (attempt.state === 'claimed' || attempt.answeredAt !== undefined) continue;
      try {
        const callSid = attempt.callSid ?? (await this.ringingCallOf(campaign, attempt));
        if (callSid === undefined) continue;
        await this.deps.placer.end(callSid, 'canceled');
      } catch (error) {
        this.deps.logger.warn(
          { err: error, callSid: attempt.callSid, attempt: attempt.id },
          'could not cancel a ringing call',
        );
      }
    }
  }

  private async ringingCallOf(
    campaign: CampaignExecution,
    attempt: Attempt,
  ): Promise<string | undefined> {
    const call = await this.deps.findCall(campaign, attempt);
    return call?.status === 'queued' || call?.status === 'ringing' ? call.sid : undefined;
  }
}
