import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../logger.js';

declare module 'express-serve-static-core' {
  interface Request {
    /** Request id: the caller's X-Request-Id when it looks sane, else a new UUID. */
    id: string;
    /** A child logger that stamps every line with the request id. */
    log: Logger;
  }
}

const SANE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * Gives each request an id and a logger, and writes one line when the response is finished
 * (method, path, status, duration). Headers are not logged, so signatures and tokens never are.
 */
export function createRequestContext(logger: Logger) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const offered = req.get('x-request-id');
    req.id = offered !== undefined && SANE_REQUEST_ID.test(offered) ? offered : randomUUID();
    req.log = logger.child({ reqId: req.id });
    res.setHeader('X-Request-Id', req.id);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
      req.log.info(
        { method: req.method, path: req.path, status: res.statusCode, durationMs },
        'request finished',
      );
    });
    next();
  };
}
