import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import { requireBearerToken } from '../http/bearer-auth.js';
import type { AttemptEvents } from './attempt-events.js';
import { findCallTarget } from './call-target.js';
import type { CampaignLookup } from './campaign-lookup.js';
import type { CampaignStore } from './campaign-store.js';

export interface CallStatusDeps {
  readonly clock: Clock;
  /** The /api bearer token: a Studio Flow's HTTP Request widget sends it as a header. */
  readonly apiToken: string | undefined;
  readonly campaigns: CampaignLookup;
  readonly store: Pick<CampaignStore, 'list' | 'attemptOfCall' | 'active' | 'attempt'>;
  readonly events: AttemptEvents;
}

const id = z.string().trim().min(1).max(200);
/** Studio's widget sends JSON or a form; names as the flow knows them, Twilio's or ours. */
const callStatusSchema = z
  .object({
    execution: id.optional(),
    campaign: id.optional(),
    attempt: id.optional(),
    contact: id.optional(),
    CallSid: z
      .string()
      .regex(/^CA[0-9a-fA-F]{32}$/, 'a call SID (CA…)')
      .optional(),
    CallStatus: id.optional(),
    status: id.optional(),
    AnsweredBy: id.optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((body) => (body.CallStatus ?? body.status) !== undefined, {
    message: 'CallStatus (or status) is required',
  })
  .refine((body) => body.CallSid !== undefined, { message: 'CallSid is required' });

/**
 * POST /callstatus: what a Studio Flow knows and Event Streams does not — a call the flow placed
 * that failed (its SID, its status, why), and the contact it was for. Guarded by API_TOKEN (the
 * widget sends `Authorization: Bearer …`), not by a Twilio signature: Studio's HTTP Request
 * widget does not sign. Feeds the same AttemptEvents as the status callback and Event Streams,
 * so the attempt still ends once. 202 when applied, 404 when no attempt matches.
 */
export function installCallStatusRoute(app: Router, deps: CallStatusDeps): void {
  const readBody = [
    express.json({ limit: '16kb' }),
    express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 20 }),
  ];
  app.post(
    '/callstatus',
    requireBearerToken(deps.apiToken),
    ...readBody,
    async (req: Request, res: Response) => {
      const parsed = callStatusSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        throw new AppError('INVALID_PARAMETER', {
          message: parsed.error.issues.map((issue) => issue.message).join('; '),
        });
      }
      const body = parsed.data;
      const campaignId = body.campaign ?? body.execution;
      const attempt = body.attempt ?? (await attemptOfContact(deps, campaignId, body.contact));
      const target = await findCallTarget(deps, {
        ...(campaignId === undefined ? {} : { campaign: campaignId }),
        ...(attempt === undefined ? {} : { attempt }),
        ...(body.CallSid === undefined ? {} : { callSid: body.CallSid }),
      });
      // A flow naming an attempt that was never dialed is told so, not answered 202.
      if (
        target === undefined ||
        body.CallSid === undefined ||
        (await deps.store.attempt(target.campaign.id, target.attempt)) === undefined
      )
        throw new AppError('ATTEMPT_NOT_FOUND');
      await deps.events.callReported(target.campaign, target.attempt, {
        callSid: body.CallSid,
        status: body.CallStatus ?? body.status ?? '',
        at: deps.clock.now(),
        ...(body.AnsweredBy === undefined ? {} : { answeredBy: body.AnsweredBy }),
        ...(body.reason === undefined ? {} : { reason: body.reason }),
      });
      req.log.info(
        {
          campaign: target.campaign.id,
          attempt: target.attempt,
          status: body.CallStatus ?? body.status,
        },
        'call status from a flow',
      );
      res.status(202).json({ campaign: target.campaign.id, attempt: target.attempt });
    },
  );
}

/** The contact's attempt not yet ended: a flow knows the contact, not our attempt id. */
async function attemptOfContact(
  deps: CallStatusDeps,
  campaignId: string | undefined,
  contactId: string | undefined,
): Promise<string | undefined> {
  if (campaignId === undefined || contactId === undefined) return undefined;
  const active = await deps.store.active(campaignId);
  return active.find((attempt) => attempt.contactId === contactId)?.id;
}
