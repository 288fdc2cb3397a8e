import { randomBytes } from 'node:crypto';
import express, { Router, type Request } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { AppError, clipForMessage, storeCall } from '../errors.js';
import type { ControlCommand } from '../outbound/campaign.js';
import { campaignSettingsSchema } from '../outbound/campaign-settings.js';
import type { CampaignRecord, CampaignStore } from '../outbound/campaign-store.js';
import { importContacts } from '../outbound/contact-import.js';
import type { ControlLog } from '../outbound/control-log.js';
import { sendUncached } from './uncached.js';
import { readCampaignPacing } from '../outbound/campaign-pacing.js';

export interface CampaignRouteDeps {
  readonly clock: Clock;
  readonly queues: readonly string[];
  readonly campaigns: CampaignStore;
  readonly control: ControlLog;
  /** config.outbound.callsPerSecond: the account's share campaigns may use, all processes together. */
  readonly callsPerSecond: number;
}

/** A list of 100,000 contacts as CSV is a few MB. */
const BODY_LIMIT = '20mb';
const COMMANDS: readonly ControlCommand[] = ['start', 'pause', 'resume', 'stop'];

/**
 * Our own campaign manager, for teams without one:
 * - POST /campaigns: `{name, settings, contacts: [...]}` or `{name, settings, csv: "..."}`;
 *   numbers normalised to E.164, duplicates dropped, every refused row reported with its line;
 * - GET /campaigns, GET /campaigns/{id}: status and progress; the list also names the queues a
 *   campaign may target and the calls-per-second limit, for a client's form and gauges;
 * - POST /campaigns/{id}/{start|pause|resume|stop}: a command on the control stream, as an
 *   outside campaign manager would send it; the queue service applies it.
 */
export function addCampaignRoutes(router: Router, deps: CampaignRouteDeps): void {
  const parseJson = express.json({ limit: BODY_LIMIT, type: () => true });
  const bodySchema = z
    .object({
      name: z.string().trim().min(1).max(200),
      settings: campaignSettingsSchema(deps.queues),
      contacts: z.array(z.unknown()).optional(),
      csv: z.string().optional(),
    })
    .strict()
    .refine((b) => (b.contacts === undefined) !== (b.csv === undefined), {
      message: 'give the contacts as "contacts" (an array) or as "csv" (text), one of them',
      path: ['contacts'],
    });

  router.post(
    '/campaigns',
    (req, _res, next) => {
      if (!req.is('application/json')) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      next();
    },
    parseJson,
    async (req, res) => {
      const parsed = bodySchema.safeParse(req.body);
      if (!parsed.success) {
        throw new AppError('INVALID_CAMPAIGN', {
          details: {
            problems: parsed.error.issues.map((i) => ({
              path: i.path.join('.'),
              message: i.message,
            })),
          },
        });
      }
      const { name, settings, contacts, csv } = parsed.data;
      const imported = importContacts({
        format: csv === undefined ? 'json' : 'csv',
        body: csv ?? JSON.stringify(contacts),
        defaultCountry: settings.defaultCountry,
      });
      if (imported.contacts.length === 0) {
        throw new AppError('INVALID_CAMPAIGN', {
          message: 'The list has no contact that can be called',
          details: { rows: imported.problems },
        });
      }
      const execution = { id: newCampaignId(), name, createdAt: deps.clock.now(), settings };
      await storeCall('CAMPAIGNS_UNAVAILABLE', () =>
        deps.campaigns.create(execution, imported.contacts),
      );
      const record = await storeCall('CAMPAIGNS_UNAVAILABLE', () =>
        deps.campaigns.get(execution.id),
      );
      req.log.info(
        { campaign: execution.id, contacts: imported.contacts.length },
        'campaign created',
      );
      res.status(201);
      sendUncached(res, {
        campaign: await storeCall('CAMPAIGNS_UNAVAILABLE', () => viewCampaign(deps, record!)),
        rows: imported.problems,
        duplicates: imported.duplicates,
      });
    },
  );

  router.get('/campaigns', async (_req, res) => {
    const records = await storeCall('CAMPAIGNS_UNAVAILABLE', () => deps.campaigns.list());
    sendUncached(res, {
      campaigns: await storeCall('CAMPAIGNS_UNAVAILABLE', () =>
        Promise.all(records.map((record) => viewCampaign(deps, record))),
      ),
      targetQueues: deps.queues,
      callsPerSecondLimit: deps.callsPerSecond,
    });
  });

  router.get('/campaigns/:campaign', async (req, res) => {
    const record = await found(deps, campaignParam(req));
    sendUncached(res, await storeCall('CAMPAIGNS_UNAVAILABLE', () => viewCampaign(deps, record)));
  });

  router.post('/campaigns/:campaign/:command', async (req, res) => {
    const command = String(req.params.command) as ControlCommand;
    if (!COMMANDS.includes(command)) throw new AppError('NOT_FOUND');
    const record = await found(deps, campaignParam(req));
    const id = await storeCall('CAMPAIGNS_UNAVAILABLE', () =>
      deps.control.append(record.execution.id, command),
    );
    req.log.info({ campaign: record.execution.id, command, entry: id }, 'campaign command sent');
    res.status(202);
    sendUncached(res, { campaign: record.execution.id, command, accepted: true });
  });
}

/** The campaign routes on a router of their own, for a mount that has no other routes to add them to. */
export function createCampaignRoutes(deps: CampaignRouteDeps): Router {
  const router = Router();
  addCampaignRoutes(router, deps);
  return router;
}

function newCampaignId(): string {
  return `CE${randomBytes(16).toString('hex')}`;
}

async function found(deps: CampaignRouteDeps, id: string): Promise<CampaignRecord> {
  const record = await storeCall('CAMPAIGNS_UNAVAILABLE', () => deps.campaigns.get(id));
  if (record === undefined) {
    throw new AppError('CAMPAIGN_NOT_FOUND', { message: `No campaign "${clipForMessage(id)}"` });
  }
  return record;
}

function campaignParam(req: Request): string {
  const value: unknown = req.params.campaign;
  return typeof value === 'string' ? value : '';
}

/** `pacing`: the legal window's abandonment, the lifetime rate, the budget, the dial level. */
async function viewCampaign(deps: CampaignRouteDeps, record: CampaignRecord) {
  const { execution, status, counts } = record;
  return {
    id: execution.id,
    name: execution.name,
    status,
    createdAt: new Date(execution.createdAt).toISOString(),
    settings: execution.settings,
    progress: counts,
    pacing: await readCampaignPacing(deps.campaigns, record, deps.clock.now()),
  };
}
