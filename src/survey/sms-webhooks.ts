import type { Request, Response, Router } from 'express';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { sendTwiml } from '../http/send-twiml.js';
import type { Metrics } from '../metrics/registry.js';
import { readWebhookParams } from '../twilio-webhook/params.js';
import { createTwimlGuard } from '../voice/webhook-guard.js';
import { element, escapeText, twimlDocument } from '../voice/xml.js';
import { readReply } from './survey-reply.js';
import type { SurveyStore } from './survey-store.js';

/** An SMS body is at most 1600 characters; the voice webhooks' 512 would cut replies. */
const MAX_BODY_LENGTH = 1600;

export interface SmsWebhookDeps {
  readonly config: Pick<Config, 'publicBaseUrl' | 'survey'>;
  readonly clock: Clock;
  readonly authToken: string;
  readonly metrics: Metrics;
  readonly store: SurveyStore;
  /** Told after a score is kept (the satisfaction figures are read again, not waited for). */
  readonly onScored?: () => void;
}

const reply = (text: string | undefined) =>
  twimlDocument(text === undefined ? '' : element('Message', {}, escapeText(text)));

/**
 * The SMS side of the survey, signed like every Twilio webhook:
 * - /sms/incoming: a reply from a caller. STOP/START words change the SMS opt-out list, HELP
 *   is answered; a score or any words go to the survey last sent to that number.
 * - /sms/status: the survey message's status callback (its call in our URL).
 * Twilio answers STOP, START and HELP itself (its default, and a Messaging Service's Advanced
 * Opt-Out); we answer them only with SURVEY_KEYWORD_REPLIES=holdline, and never when the
 * request carries OptOutType (Twilio's Advanced Opt-Out has just answered).
 */
export function installSmsWebhooks(app: Router, deps: SmsWebhookDeps): void {
  const guard = createTwimlGuard(deps);
  const empty = reply(undefined);
  const fallback = { failed: empty, refused: empty };
  const replies = deps.metrics.surveyReplies;
  const confirmations = {
    stop: 'You will get no more survey texts from us. Reply START to receive them again.',
    start: 'You will receive our survey texts again. Reply STOP to opt out.',
    help: deps.config.survey.helpText,
  };

  app.post(
    '/sms/incoming',
    guard('/sms/incoming', fallback),
    async (req: Request, res: Response) => {
      const params = readWebhookParams(req, { maxValueLength: MAX_BODY_LENGTH });
      const from = params.twilio('From');
      const body = params.twilio('Body') ?? '';
      const now = deps.clock.now();
      const read = readReply(body);
      const weAnswer =
        deps.config.survey.keywordReplies === 'holdline' &&
        params.twilio('OptOutType') === undefined;
      if (from === undefined) {
        sendTwiml(res, empty);
        return;
      }
      switch (read.kind) {
        case 'stop':
        case 'start':
        case 'help': {
          if (read.kind === 'stop') await deps.store.optOut(from, now);
          if (read.kind === 'start') await deps.store.optIn(from);
          replies.labels({ kind: read.kind }).inc();
          req.log.info({ from, keyword: read.kind, answered: weAnswer }, 'survey keyword');
          sendTwiml(res, reply(weAnswer ? confirmations[read.kind] : undefined));
          return;
        }
        case 'empty':
          sendTwiml(res, empty);
          return;
        default: {
          const survey = await deps.store.latestSent(from, now);
          if (survey === undefined) {
            replies.labels({ kind: 'unlinked' }).inc();
            req.log.info({ from }, 'an SMS reply to no survey; not kept');
            sendTwiml(res, empty);
            return;
          }
          const answer =
            read.kind === 'score'
              ? {
                  score: read.score,
                  ...(read.comment === undefined ? {} : { comment: read.comment }),
                }
              : { comment: read.comment };
          await deps.store.respond(survey.callSid, { ...answer, at: now });
          replies.labels({ kind: read.kind }).inc();
          if (read.kind === 'score') deps.onScored?.();
          req.log.info(
            { callSid: survey.callSid, queue: survey.queue, kind: read.kind },
            'survey answered',
          );
          sendTwiml(res, empty);
        }
      }
    },
  );

  app.post('/sms/status', guard('/sms/status', fallback), async (req: Request, res: Response) => {
    const params = readWebhookParams(req);
    const callSid = params.own('call');
    const status = params.twilio('MessageStatus');
    if (callSid !== undefined && status !== undefined)
      await deps.store.noteDelivery(callSid, status);
    sendTwiml(res, empty);
  });
}
