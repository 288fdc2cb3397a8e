import type { Request, Response, Router } from 'express';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import { createFormBodyParser } from '../http/form-body.js';
import { timeWebhook } from '../metrics/http-metrics.js';
import type { Metrics } from '../metrics/registry.js';
import { createSignatureValidator } from '../twilio-webhook/signature.js';
import { readWebhookParams } from '../twilio-webhook/params.js';
import type { EventInbox } from './event-inbox.js';
import { readTaskRouterEvent, type TaskRouterEvent } from './events.js';

/**
 * Given each event once. Must settle in milliseconds (long work goes to the job engine): the
 * route answers TaskRouter when it has. A rejection makes the route answer 503 and forget the
 * delivery, so that TaskRouter's retry of it is taken.
 */
export type TaskRouterEventListener = (event: TaskRouterEvent) => Promise<void> | void;

export interface TaskRouterEventDeps {
  readonly clock: Clock;
  readonly authToken: string;
  readonly publicBaseUrl: string;
  readonly inbox: EventInbox;
  readonly listener: TaskRouterEventListener;
  readonly metrics: Pick<Metrics, 'webhookDuration' | 'duplicatesDropped'>;
}

/** An event callback is a few hundred bytes; worker attributes are at most 4 KB. */
const EVENT_BODY_LIMIT_BYTES = 32 * 1024;
/** A worker's attributes (4,096 bytes at most) or a long TargetWorkers expression, read whole. */
const EVENT_VALUE_LIMIT = 16 * 1024;

/**
 * POST /taskrouter/events: the Workspace's EventCallbackUrl. Signed like every Twilio webhook.
 * Answers 204 (as TaskRouter asks) in milliseconds: it records the delivery and hands the event
 * on; a delivery seen before is acknowledged and does nothing.
 */
export function installTaskRouterEvents(app: Router, deps: TaskRouterEventDeps): void {
  const parseForm = createFormBodyParser({
    limitBytes: EVENT_BODY_LIMIT_BYTES,
    parameterLimit: 100,
  });
  const checkSignature = createSignatureValidator({
    authToken: deps.authToken,
    publicBaseUrl: deps.publicBaseUrl,
  });

  const route = '/taskrouter/events';
  const timed = timeWebhook(deps.metrics, route);
  const duplicates = deps.metrics.duplicatesDropped.labels({ source: 'taskrouter-event' });
  duplicates.inc(0); // the series exists from the start, so a first drop is a visible rise

  app.post(route, timed, parseForm, checkSignature, async (req: Request, res: Response) => {
    const params = readWebhookParams(req, { maxValueLength: EVENT_VALUE_LIMIT });
    const parsed = readTaskRouterEvent((name) => params.twilio(name));
    if (!parsed.ok) throw new AppError('INVALID_PARAMETER', { message: parsed.problem });
    const { event } = parsed;
    if (!(await isFirstDelivery(deps, event, req))) {
      req.log.info({ event: event.type, key: event.key }, 'taskrouter event already taken');
      duplicates.inc();
      res.status(204).type('application/json').end();
      return;
    }
    req.log.info({ event: event.type, key: event.key }, 'taskrouter event');
    try {
      await deps.listener(event);
    } catch (error) {
      req.log.error(
        { err: error, event: event.type },
        'taskrouter event not taken; asking for a retry',
      );
      await deps.inbox.forget(event.key).catch(() => undefined);
      throw new AppError('EVENT_NOT_TAKEN', { cause: error });
    }
    res.status(204).type('application/json').end();
  });
}

/**
 * An inbox that cannot answer (Redis away) lets the event through: its work is idempotent
 * (an eligibility write happens only when the list changed), so twice is better than never.
 */
async function isFirstDelivery(
  deps: TaskRouterEventDeps,
  event: TaskRouterEvent,
  req: Request,
): Promise<boolean> {
  try {
    return await deps.inbox.firstDelivery(event.key, deps.clock.now());
  } catch (error) {
    req.log.warn({ err: error, key: event.key }, 'taskrouter event inbox unreachable; taking it');
    return true;
  }
}
