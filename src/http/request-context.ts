import { randomUUID } from 'node:crypto';
import type { Express, NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger.js';

declare module 'express-serve-static-core' {
  interface Request {
    /**
     * Request id: the caller's X-Request-Id when it looks sane, else a new UUID. Made on first
     * use and then echoed in the response's X-Request-Id (when headers are not sent yet).
     */
    readonly id: string;
    /** A child logger that stamps every line with the request id. */
    readonly log: Logger;
  }
}

const SANE_REQUEST_ID = /^[\w.:-]{1,128}$/;
const REQUEST_ID = Symbol('holdline.requestId');
const CHILD_LOGGER = Symbol('holdline.childLogger');

type ContextRequest = Request & { [REQUEST_ID]?: string; [CHILD_LOGGER]?: Logger };

/**
 * Gives each request an id and a logger that stamps it on every line, both made on first use:
 * most webhook answers log nothing, and a UUID, a response header and a pino child per request
 * were a measurable share of a sub-millisecond webhook (bench/webhooks). So a request gets an
 * id when something is logged about it, and the answer carries it then; an X-Request-Id sent
 * by a proxy is always echoed, so the hops of one request can be followed.
 *
 * With LOG_LEVEL=debug, one access line per finished response (method, path, status,
 * duration; never headers, so never signatures or tokens). Not at info: the hold loop asks
 * /voice/wait again for every waiting caller every turn, so those lines would be most of the
 * log and a measurable share of the webhook's CPU. At info the handlers log what happened to
 * calls, and the error handler every refused or failed request.
 */
export function installRequestContext(app: Express, logger: Logger): void {
  Object.defineProperties(app.request, {
    id: {
      get(this: ContextRequest): string {
        return (this[REQUEST_ID] ??= assignRequestId(this));
      },
    },
    log: {
      get(this: ContextRequest): Logger {
        return (this[CHILD_LOGGER] ??= logger.child({ reqId: this.id }));
      },
    },
  });
  const accessLog = logger.isLevelEnabled('debug');
  app.use((req: Request, res: Response, next: NextFunction): void => {
    if (accessLog) logWhenFinished(req, res, logger);
    // A proxy's id is echoed even when nothing is logged: reading req.id assigns it.
    else if (req.headers['x-request-id'] !== undefined) void req.id;
    next();
  });
}

function assignRequestId(req: Request): string {
  const offered = req.headers['x-request-id'];
  const id = typeof offered === 'string' && SANE_REQUEST_ID.test(offered) ? offered : randomUUID();
  if (req.res !== undefined && !req.res.headersSent) req.res.setHeader('X-Request-Id', id);
  return id;
}

function logWhenFinished(req: Request, res: Response, logger: Logger): void {
  const started = performance.now();
  const id = req.id; // now, while the answer's headers can still carry it
  res.once('finish', () => {
    logger.debug(
      {
        reqId: id,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      },
      'request finished',
    );
  });
}
