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
 * Gives each request an id and a logger, and writes one line when the response is finished
 * (method, path, status, duration). Headers are not logged, so signatures and tokens never are.
 * That line is debug for answers that went well: the hold loop asks every waiting caller's
 * /voice/wait again every turn, so at info those lines would be most of the log and a
 * measurable share of the webhook's CPU; what happened to calls is logged at info by the
 * handlers, and refused or failed requests at warn/error.
 * The child logger is made on first use: most webhook answers log only the finish line, and a
 * pino child per request is a measurable share of a sub-millisecond webhook.
 */
export function installRequestContext(app: Express, logger: Logger): void {
  Object.defineProperty(app.request, 'log', {
    get(this: Request & { [CHILD_LOGGER]?: Logger }): Logger {
      return (this[CHILD_LOGGER] ??= logger.child({ reqId: this.id }));
    },
  });
  app.use((req: Request, res: Response, next: NextFunction): void => {
    const offered = req.headers['x-request-id'];
    req.id = typeof offered === 'string' && SANE_REQUEST_ID.test(offered) ? offered : randomUUID();
    res.setHeader('X-Request-Id', req.id);
    const started = performance.now();
    res.once('finish', () => {
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'debug';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
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
    next();
  });
}
