import { randomUUID } from 'node:crypto';
import type { Express, NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Request id: the caller's X-Request-Id when it looks sane, else a new UUID. */
    id: string;
    /** A child logger that stamps every line with the request id. */
    readonly log: Logger;
  }
}

const SANE_REQUEST_ID = /^[\w.:-]{1,128}$/;
const CHILD_LOGGER = Symbol('holdline.childLogger');

/**
 * Gives each request an id (echoed in X-Request-Id) and a logger that stamps it on every line.
 * The child logger is made on first use: most webhook answers write no line, and a pino child
 * per request is a measurable share of a sub-millisecond webhook.
 *
 * With LOG_LEVEL=debug, one access line per finished response (method, path, status,
 * duration; never headers, so never signatures or tokens). Not at info: the hold loop asks
 * /voice/wait again for every waiting caller every turn, so those lines would be most of the
 * log and a measurable share of the webhook's CPU. At info the handlers log what happened to
 * calls, and the error handler every refused or failed request.
 */
export function installRequestContext(app: Express, logger: Logger): void {
  Object.defineProperty(app.request, 'log', {
    get(this: Request & { [CHILD_LOGGER]?: Logger }): Logger {
      return (this[CHILD_LOGGER] ??= logger.child({ reqId: this.id }));
    },
  });
  const accessLog = logger.isLevelEnabled('debug');
  app.use((req: Request, res: Response, next: NextFunction): void => {
    const offered = req.headers['x-request-id'];
    req.id = typeof offered === 'string' && SANE_REQUEST_ID.test(offered) ? offered : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    if (accessLog) logWhenFinished(req, res, logger);
    next();
  });
}

function logWhenFinished(req: Request, res: Response, logger: Logger): void {
  const started = performance.now();
  res.once('finish', () => {
    logger.debug(
      {
        reqId: req.id,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 1000) / 1000,
      },
      'request finished',
    );
  });
}
