import express, { type Request, type Response, type Router } from 'express';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { timeWebhook } from '../metrics/http-metrics.js';
import type { Metrics } from '../metrics/registry.js';
import type { EventInbox } from '../taskrouter/event-inbox.js';
import type { AttemptEvents } from './attempt-events.js';
import { inTimeOrder, readCallEvents, type CallProgressEvent } from './call-cloud-events.js';
import { findCallTarget } from './call-target.js';
import type { CampaignLookup } from './campaign-lookup.js';
import type { CampaignStore } from './campaign-store.js';
import { createEventStreamsAuth, type RawBodyRequest } from './event-streams-auth.js';

export interface EventStreamsDeps {
  readonly clock: Clock;
  readonly authToken: string;
  readonly publicBaseUrl: string;
  readonly basicAuth: { readonly user: string; readonly password: string } | undefined;
  readonly campaigns: CampaignLookup;
  readonly store: Pick<CampaignStore, 'list' | 'attemptOfCall'>;
  readonly events: AttemptEvents;
  /** Event ids already taken (memory, or Redis SET NX shared by every web process). */
  readonly inbox: EventInbox;
  readonly metrics: Pick<Metrics, 'webhookDuration' | 'duplicatesDropped'>;
  /** Past this, the delivery is answered 503 (Twilio waits 5 s) and the work goes on. */
  readonly deadlineMs?: number;
}

export const EVENT_STREAMS_PATH = '/eventstreams';
/** A batch of call events is a few kB per event; Event Streams batches up to a few hundred kB. */
const BODY_LIMIT = '1mb';
const DEFAULT_DEADLINE_MS = 4_000;

/** The CallStatus an event implies when its request parameters did not come with it. */
const STATUS_OF_STEP: Readonly<Record<string, string>> = {
  initiated: 'queued',
  ringing: 'ringing',
  answered: 'in-progress',
  completed: 'completed',
};

/**
 * POST /eventstreams: Event Streams' webhook sink. Deliveries come at least once, unordered,
 * one event or a batch; each call event is taken once (by its id), a batch in time order, and
 * goes to the same AttemptEvents as the status callback, so an attempt gets one disposition
 * whichever reports first. 200 once taken; a store failure (or running out of Twilio's 5 s)
 * answers 503, which Event Streams retries, where any other 4xx would discard the event.
 */
export function installEventStreamsRoute(app: Router, deps: EventStreamsDeps): void {
  const auth = createEventStreamsAuth(deps);
  const readRaw = express.raw({
    type: () => true,
    limit: BODY_LIMIT,
    verify: (req, _res, buffer) => {
      (req as RawBodyRequest).rawBody = buffer;
    },
  });
  const timed = timeWebhook(deps.metrics, EVENT_STREAMS_PATH);
  const duplicates = deps.metrics.duplicatesDropped.labels({ source: 'event-streams' });
  duplicates.inc(0);
  const deadlineMs = deps.deadlineMs ?? DEFAULT_DEADLINE_MS;

  app.post(EVENT_STREAMS_PATH, timed, readRaw, auth, async (req: Request, res: Response) => {
    const parsed = readCallEvents(parseJson((req as RawBodyRequest).rawBody));
    if (!parsed.ok) throw new AppError('INVALID_PARAMETER', { message: parsed.problem });
    const work = takeAll(deps, inTimeOrder(parsed.calls), req.log);
    const outcome = await Promise.race([work, late(deadlineMs)]);
    if (outcome === 'late') {
      work.catch(() => undefined); // its failure was logged and its events forgotten
      req.log.warn('event streams delivery not taken within the deadline; asking for a retry');
      throw new AppError('EVENT_NOT_TAKEN');
    }
    duplicates.inc(outcome.duplicates);
    req.log.info({ ...outcome, others: parsed.others }, 'event streams delivery');
    res.status(200).json(outcome);
  });
}

async function takeAll(deps: EventStreamsDeps, events: readonly CallProgressEvent[], log: Logger) {
  let taken = 0;
  let duplicates = 0;
  let unknown = 0;
  for (const event of events) {
    const key = `eventstreams:${event.id}`;
    if (!(await firstDelivery(deps, key, log))) {
      duplicates += 1;
      continue;
    }
    try {
      if (await apply(deps, event)) taken += 1;
      else unknown += 1;
    } catch (error) {
      log.error(
        { err: error, event: event.id },
        'event streams event not taken; asking for a retry',
      );
      await deps.inbox.forget(key).catch(() => undefined);
      throw new AppError('EVENT_NOT_TAKEN', { cause: error });
    }
  }
  return { taken, duplicates, unknown };
}

/** False: the call is none of ours (a sink may see every call of the account). */
async function apply(deps: EventStreamsDeps, event: CallProgressEvent): Promise<boolean> {
  const status = event.callStatus ?? STATUS_OF_STEP[event.step];
  if (event.callSid === undefined || status === undefined) return false;
  const target = await findCallTarget(deps, event);
  if (target === undefined) return false;
  await deps.events.callReported(target.campaign, target.attempt, {
    callSid: event.callSid,
    status,
    at: deps.clock.now(),
    ...(event.answeredBy === undefined ? {} : { answeredBy: event.answeredBy }),
  });
  return true;
}

/** As for TaskRouter: an inbox that cannot answer lets the event through (reports are CAS). */
async function firstDelivery(deps: EventStreamsDeps, key: string, log: Logger): Promise<boolean> {
  try {
    return await deps.inbox.firstDelivery(key, deps.clock.now());
  } catch (error) {
    log.warn({ err: error, key }, 'event streams inbox unreachable; taking the event');
    return true;
  }
}

function parseJson(body: Buffer | undefined): unknown {
  try {
    return JSON.parse(body?.toString('utf8') ?? '') as unknown;
  } catch (error) {
    throw new AppError('BODY_INVALID', { message: 'The body is not JSON', cause: error });
  }
}

function late(ms: number): Promise<'late'> {
  return new Promise((resolve) => setTimeout(resolve, ms, 'late').unref());
}
