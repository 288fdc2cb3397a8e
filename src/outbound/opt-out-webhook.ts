import type { Request, RequestHandler, Response, Router } from 'express';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { sendTwiml } from '../http/send-twiml.js';
import type { VoiceFallback } from '../http/twiml-fallback.js';
import { readWebhookParams } from '../twilio-webhook/params.js';
import { DEFAULT_OPT_OUT_DIGIT } from './campaign.js';
import type { CampaignLookup } from './campaign-lookup.js';
import type { OptOutList } from './opt-out-list.js';
import { readOptOutPhone } from './opt-out-list.js';
import {
  buildHangupTwiml,
  buildOptOutAnswerTwiml,
  OPT_OUT_CONFIRMATION,
  OPT_OUT_FAILED,
} from './outbound-twiml.js';

export const OPT_OUT_PATH = '/outbound/opt-out';

/**
 * POST /outbound/opt-out: the key a person pressed during the campaign's message (its
 * <Gather>). The campaign's opt-out digit puts the number called on the opt-out list and says
 * so; any other key just ends the call. The number is Twilio's `To`: on a call we created, the
 * called party.
 */
export function installOptOutWebhook(
  app: Router,
  deps: {
    readonly config: Pick<Config, 'announcements'>;
    readonly clock: Clock;
    readonly campaigns: CampaignLookup;
    readonly optOuts: Pick<OptOutList, 'add'>;
    readonly guard: (route: string, fallback: VoiceFallback) => RequestHandler[];
  },
): void {
  const hangup = buildHangupTwiml();
  const say = deps.config.announcements;
  const confirmed = buildOptOutAnswerTwiml(say, OPT_OUT_CONFIRMATION);
  // Thrown adds (the list unreachable) answer this: the callee must not believe it worked.
  const failed = buildOptOutAnswerTwiml(say, OPT_OUT_FAILED);

  app.post(
    OPT_OUT_PATH,
    deps.guard(OPT_OUT_PATH, { failed, refused: hangup }),
    async (req: Request, res: Response) => {
      const params = readWebhookParams(req);
      const campaign = await deps.campaigns.get(params.own('campaign'));
      const attempt = params.own('attempt');
      if (campaign === undefined) {
        req.log.warn('opt-out key for no known campaign: hanging up');
        sendTwiml(res, hangup);
        return;
      }
      const digit = campaign.settings.optOutDigit ?? DEFAULT_OPT_OUT_DIGIT;
      if (params.twilio('Digits') !== digit) {
        sendTwiml(res, hangup);
        return;
      }
      const phone = readOptOutPhone(params.twilio('To') ?? '');
      if (!phone.ok) {
        req.log.error(
          { campaign: campaign.id, attempt, problem: phone.reason },
          'opt-out asked on a call whose To is not a phone number; nothing recorded',
        );
        sendTwiml(res, failed);
        return;
      }
      const added = await deps.optOuts.add(phone.phone, {
        source: 'keypress',
        at: deps.clock.now(),
      });
      req.log.info({ campaign: campaign.id, attempt, added }, 'callee opted out by keypress');
      sendTwiml(res, confirmed);
    },
  );
}
