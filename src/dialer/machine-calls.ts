import type { Logger } from '../logger.js';
import type { Attempt } from '../outbound/attempt.js';
import type { CampaignExecution } from '../outbound/campaign.js';
import { isMachine } from '../outbound/call-outcome.js';
import type { CallPlacer } from './call-placer.js';
import type { OutboundUrls } from './outbound-urls.js';

/**
 * Asynchronous answering-machine detection answers seconds after the pick-up, and a person must
 * reach a rep within two: so every answered call goes into the campaign's queue at once, and a
 * machine is found out only later, waiting there or already with a rep. Then its call is
 * redirected to what the campaign does with machines (/outbound/machine: the message, or hang
 * up to retry later), which also frees the rep. Once per attempt in this process: a redirect
 * sent again would restart the message. After a restart the message may play again on a call
 * still in progress; nothing is dialed.
 */
export class MachineCalls {
  private readonly redirected = new Set<string>();

  constructor(
    private readonly deps: {
      readonly placer: Pick<CallPlacer, 'redirect'>;
      readonly urls: Pick<OutboundUrls, 'machine'>;
      readonly logger: Logger;
    },
  ) {}

  async redirect(campaign: CampaignExecution, active: readonly Attempt[]): Promise<void> {
    const { settings } = campaign;
    // Only our own asynchronous detection: a flow's calls are the flow's to handle.
    if (!settings.machineDetection || settings.dialVia.kind !== 'calls') return;
    for (const attempt of active) {
      const { callSid } = attempt;
      if (attempt.state !== 'live' || callSid === undefined || !isMachine(attempt.answeredBy))
        continue;
      if (this.redirected.has(attempt.id)) continue;
      this.redirected.add(attempt.id);
      try {
        await this.deps.placer.redirect(callSid, this.deps.urls.machine(campaign.id, attempt.id));
      } catch (error) {
        // Most often the machine hung up first (21220: not in progress): nothing to do.
        this.deps.logger.info(
          { err: error, campaign: campaign.id, attempt: attempt.id, callSid },
          'could not redirect a machine-answered call',
        );
      }
    }
    const stillActive = new Set(active.map((attempt) => attempt.id));
    for (const id of this.redirected) if (!stillActive.has(id)) this.redirected.delete(id);
  }
}
