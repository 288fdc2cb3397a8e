import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import type { MetadataCache } from '../metadata/metadata-cache.js';
import type { Metrics } from '../metrics/registry.js';
import type { SurveyRecord, SurveyStore } from '../survey/survey-store.js';
import { absoluteUrl } from '../voice/urls.js';
import { UNSUBSCRIBED_RECIPIENT, type SmsSender } from './sms-sender.js';

const HOUR_MS = 3_600_000;
/** Surveys claimed per round: a backlog is worked through round by round, never all at once. */
const BATCH = 20;

export interface SurveySenderDeps {
  readonly store: SurveyStore;
  readonly metadata: Pick<MetadataCache, 'get'>;
  readonly sms: SmsSender;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly publicBaseUrl: string;
  /** At most one survey per number in this many hours (0: no limit). */
  readonly minIntervalHours: number;
  readonly metrics?: Pick<Metrics, 'surveyMessages'>;
}

export interface SurveySender {
  /** One round: claims what is due and settles each; the number settled. */
  runOnce(): Promise<number>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

/**
 * The outbox of surveys, run by the process that owns REST work (embedded: the web process;
 * Redis: the workers, each survey claimed by one). Checked again at send time: the queue's
 * survey may have been turned off, the number may have texted STOP, or been surveyed lately.
 */
export function createSurveySender(deps: SurveySenderDeps): SurveySender {
  const { store, clock, logger } = deps;
  const count = (result: string) => deps.metrics?.surveyMessages.labels({ result }).inc();

  async function why(survey: SurveyRecord): Promise<string | undefined> {
    if (deps.metadata.get(survey.queue).survey?.enabled !== true) return 'disabled';
    if (await store.isOptedOut(survey.phone)) return 'opted-out';
    const interval = deps.minIntervalHours * HOUR_MS;
    // Last: holding the number is the one check that changes something.
    if (interval > 0 && !(await store.reserveSend(survey.phone, clock.now(), interval)))
      return 'rate-limited';
    return undefined;
  }

  async function sendOne(survey: SurveyRecord): Promise<void> {
    const skip = await why(survey);
    if (skip !== undefined) {
      await store.settle(survey.callSid, { status: 'skipped', reason: skip, at: clock.now() });
      count(`skipped-${skip}`);
      logger.info({ callSid: survey.callSid, reason: skip }, 'survey skipped');
      return;
    }
    const wording = deps.metadata.get(survey.queue).survey?.wording ?? '';
    const outcome = await deps.sms.send({
      to: survey.phone,
      body: wording,
      statusCallback: absoluteUrl(deps.publicBaseUrl, '/sms/status', { call: survey.callSid }),
    });
    const at = clock.now();
    if (outcome.kind === 'sent') {
      await store.settle(survey.callSid, { status: 'sent', messageSid: outcome.sid, at });
      count('sent');
      logger.info({ callSid: survey.callSid, messageSid: outcome.sid }, 'survey sent');
      return;
    }
    // Twilio's own opt-out list knows this number: ours learns it, and never tries again.
    if (outcome.code === UNSUBSCRIBED_RECIPIENT) await store.optOut(survey.phone, at);
    const reason = `${outcome.code ?? 'error'}: ${outcome.message}`;
    await store.settle(survey.callSid, { status: 'failed', reason, at });
    count('failed');
    logger.warn({ callSid: survey.callSid, reason }, 'survey not sent');
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  const runOnce = async (): Promise<number> => {
    const due = await store.claimDue(clock.now(), BATCH);
    for (const survey of due) await sendOne(survey);
    return due.length;
  };
  const round = () => {
    running ??= runOnce()
      .catch((error: unknown) => {
        logger.warn({ err: error }, 'survey round failed; the next round tries again');
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  return {
    runOnce,
    start(intervalMs) {
      timer ??= setInterval(() => void round(), intervalMs);
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
