import type { Request, Response, Router } from 'express';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { sendTwiml } from '../http/send-twiml.js';
import type { Metrics } from '../metrics/registry.js';
import { readWebhookParams, type WebhookParams } from '../twilio-webhook/params.js';
import { absoluteUrl } from '../voice/urls.js';
import { createTwimlGuard } from '../voice/webhook-guard.js';
import type { AttemptEvents } from './attempt-events.js';
import { isMachine } from './call-outcome.js';
import { CONNECT_DEADLINE_SECONDS, type CampaignExecution } from './campaign.js';
import type { CampaignLookup } from './campaign-lookup.js';
import type { OptOutList } from './opt-out-list.js';
import { installOptOutWebhook, OPT_OUT_PATH } from './opt-out-webhook.js';
import {
  buildCalleeEnqueueTwiml,
  buildCampaignMessageTwiml,
  buildConnectDeadlineTwiml,
  buildHangupTwiml,
} from './outbound-twiml.js';
import { buildEmptyTwiml, buildEnqueueTwiml } from '../voice/twiml.js';

export interface OutboundWebhookDeps {
  readonly config: Pick<Config, 'publicBaseUrl' | 'announcements'>;
  readonly clock: Clock;
  readonly campaigns: CampaignLookup;
  readonly events: AttemptEvents;
  readonly authToken: string;
  readonly metrics: Metrics;
  /** Where a callee's opt-out keypress puts their number. */
  readonly optOuts: Pick<OptOutList, 'add'>;
}

/**
 * The outbound calls' webhooks, each signed like every Twilio webhook and carrying its campaign
 * and attempt in the URL we gave Twilio:
 * - /outbound/answer: the callee picked up (the create's Url);
 * - /outbound/wait, /outbound/queue-result: the callee's <Enqueue> wait and result;
 * - /outbound/status: the status callback (initiated, ringing, answered, completed);
 * - /outbound/amd: the asynchronous answering-machine result;
 * - /outbound/machine: where the dialer redirects a call that result says a machine took;
 * - /outbound/opt-out: the key a person pressed during the message (opt-out-webhook.ts).
 */
export function installOutboundWebhooks(app: Router, deps: OutboundWebhookDeps): void {
  const guard = createTwimlGuard(deps);
  const hangup = buildHangupTwiml();
  const nothing = buildEmptyTwiml();
  const url = (path: string, campaign: string, attempt: string) =>
    absoluteUrl(deps.config.publicBaseUrl, path, { campaign, attempt });

  /** Reads the campaign and attempt our URL carries; undefined when either is missing. */
  async function target(params: WebhookParams) {
    const attempt = params.own('attempt');
    const campaign = await deps.campaigns.get(params.own('campaign'));
    return campaign === undefined || attempt === undefined ? undefined : { campaign, attempt };
  }
  const report = (params: WebhookParams, status: string) => {
    const answeredBy = params.twilio('AnsweredBy');
    return {
      callSid: params.twilio('CallSid') ?? '',
      status,
      at: deps.clock.now(),
      ...(answeredBy === undefined ? {} : { answeredBy }),
    };
  };
  /** `attempt` when a person listens: their key press can opt them out. A machine cannot. */
  const message = (campaign: CampaignExecution, attempt?: string) =>
    buildCampaignMessageTwiml(
      deps.config.announcements,
      campaign.settings.message,
      attempt === undefined ? undefined : url(OPT_OUT_PATH, campaign.id, attempt),
    );

  /** A machine hears the message (no opt-out key: it cannot press one), or the call ends. */
  const onMachine = (campaign: CampaignExecution) =>
    campaign.settings.onMachine === 'message' ? message(campaign) : hangup;

  app.post(
    '/outbound/answer',
    guard('/outbound/answer', { failed: hangup, refused: hangup }),
    async (req: Request, res: Response) => {
      const params = readWebhookParams(req);
      const found = await target(params);
      if (found === undefined || params.twilio('CallSid') === undefined) {
        req.log.warn('outbound answer for no known campaign: hanging up');
        sendTwiml(res, hangup);
        return;
      }
      const { campaign, attempt } = found;
      const answer = report(params, 'in-progress');
      await deps.events.callAnswered(campaign, attempt, answer);
      if (isMachine(answer.answeredBy)) {
        sendTwiml(res, onMachine(campaign));
        return;
      }
      const queue = campaign.settings.targetQueue;
      sendTwiml(
        res,
        campaign.settings.callback === undefined
          ? buildCalleeEnqueueTwiml({
              queue,
              waitUrl: url('/outbound/wait', campaign.id, attempt),
              actionUrl: url('/outbound/queue-result', campaign.id, attempt),
            })
          : // A callback holds like an inbound caller, where the rep loop takes it first.
            buildEnqueueTwiml({
              say: deps.config.announcements,
              lines: [campaign.settings.message],
              queue,
              waitUrl: absoluteUrl(deps.config.publicBaseUrl, '/voice/wait', { queue }),
              actionUrl: url('/outbound/queue-result', campaign.id, attempt),
            }),
      );
    },
  );

  // Asynchronous detection found a machine after the call went into the queue: the dialer
  // redirects the call here (dialer/machine-calls.ts).
  app.post(
    '/outbound/machine',
    guard('/outbound/machine', { failed: hangup, refused: hangup }),
    async (req: Request, res: Response) => {
      const found = await target(readWebhookParams(req));
      sendTwiml(res, found === undefined ? hangup : onMachine(found.campaign));
    },
  );

  const deadline = buildConnectDeadlineTwiml(CONNECT_DEADLINE_SECONDS);
  app.post(
    '/outbound/wait',
    guard('/outbound/wait', { failed: deadline, refused: hangup }),
    (_req: Request, res: Response) => sendTwiml(res, deadline),
  );

  app.post(
    '/outbound/queue-result',
    guard('/outbound/queue-result', { failed: hangup, refused: hangup }),
    async (req: Request, res: Response) => {
      const params = readWebhookParams(req);
      const found = await target(params);
      if (found === undefined) {
        sendTwiml(res, hangup);
        return;
      }
      const { campaign, attempt } = found;
      const at = deps.clock.now();
      if (params.twilio('QueueResult') === 'bridged') {
        await deps.events.callConnected(campaign, attempt, at);
        sendTwiml(res, hangup);
        return;
      }
      // Left at the deadline, hung up, queue full, an error: not connected, so abandoned; the
      // callee (if still there) hears who called.
      await deps.events.callAbandoned(campaign, attempt, at);
      sendTwiml(res, message(campaign, attempt));
    },
  );

  const statusRoute = (path: string, statusOf: (params: WebhookParams) => string | undefined) =>
    app.post(
      path,
      guard(path, { failed: nothing, refused: nothing }),
      async (req: Request, res: Response) => {
        const params = readWebhookParams(req);
        const found = await target(params);
        const status = statusOf(params);
        if (found !== undefined && status !== undefined && params.twilio('CallSid') !== undefined) {
          await deps.events.callReported(found.campaign, found.attempt, report(params, status));
        } else {
          req.log.warn({ status }, 'outbound status for no known attempt: ignored');
        }
        sendTwiml(res, nothing);
      },
    );
  statusRoute('/outbound/status', (params) => params.twilio('CallStatus'));
  // The machine-detection result arrives on its own, while the call is in progress.
  statusRoute('/outbound/amd', () => 'in-progress');

  installOptOutWebhook(app, { ...deps, guard });
}
