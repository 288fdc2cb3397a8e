import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { AppError } from '../errors.js';
import { readOptOutPhone, type OptOut, type OptOutList } from '../outbound/opt-out-list.js';
import { sendUncached } from './uncached.js';

export interface OptOutRouteDeps {
  readonly clock: Clock;
  readonly optOuts: OptOutList;
}

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1000;

const pageSchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
    after: z.string().min(1).max(32).optional(),
  })
  .strict();

const addSchema = z
  .object({
    phone: z.string().min(1).max(64),
    /** For a number written nationally; an E.164 number needs none. */
    country: z.string().length(2).optional(),
  })
  .strict();

/**
 * The opt-out list every campaign honours:
 * - GET /opt-outs?limit=&after=: a page, in the numbers' order; `next` is the next page's `after`;
 * - POST /opt-outs `{phone, country?}`: a number a person asked by other means not to be called
 *   (201 when new, 200 when it was already there, keeping when it first came);
 * - DELETE /opt-outs/{phone}: off the list again (204).
 */
export function addOptOutRoutes(router: Router, deps: OptOutRouteDeps): void {
  router.get('/opt-outs', async (req, res) => {
    const page = pageSchema.safeParse(req.query);
    if (!page.success) {
      throw new AppError('INVALID_PARAMETER', { details: { problems: problems(page.error) } });
    }
    const { limit, after } = page.data;
    const found = await listCall(() =>
      deps.optOuts.list(after === undefined ? { limit } : { limit, after }),
    );
    sendUncached(res, { optOuts: found.items.map(viewOptOut), next: found.next ?? null });
  });

  router.post(
    '/opt-outs',
    (req, _res, next) => {
      if (!req.is('application/json')) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      next();
    },
    express.json({ limit: '4kb', type: () => true }),
    async (req, res) => {
      const body = addSchema.safeParse(req.body);
      if (!body.success) {
        throw new AppError('INVALID_OPT_OUT', { details: { problems: problems(body.error) } });
      }
      const phone = readPhone(body.data.phone, body.data.country);
      const at = deps.clock.now();
      const added = await listCall(() => deps.optOuts.add(phone, { source: 'api', at }));
      req.log.info({ added }, 'number put on the opt-out list through the API');
      res.status(added ? 201 : 200);
      sendUncached(res, { phone, added });
    },
  );

  router.delete('/opt-outs/:phone', async (req, res) => {
    const phone = readPhone(phoneParam(req), undefined);
    if (!(await listCall(() => deps.optOuts.remove(phone)))) {
      throw new AppError('OPT_OUT_NOT_FOUND');
    }
    req.log.info('number taken off the opt-out list through the API');
    res.status(204).end();
  });
}

function readPhone(raw: string, country: string | undefined): string {
  const reading = readOptOutPhone(raw, country);
  if (!reading.ok) throw new AppError('INVALID_OPT_OUT', { message: `phone: ${reading.reason}` });
  return reading.phone;
}

function phoneParam(req: Request): string {
  const value: unknown = req.params.phone;
  return typeof value === 'string' ? value : '';
}

function viewOptOut(optOut: OptOut) {
  return { phone: optOut.phone, source: optOut.source, at: new Date(optOut.at).toISOString() };
}

function problems(error: z.ZodError) {
  return error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
}

async function listCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new AppError('OPT_OUTS_UNAVAILABLE', { cause: error });
  }
}
