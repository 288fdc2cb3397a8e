import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { readQuery } from './query.js';
import type { RequestLog } from './request-log.js';
import { faultOf } from './respond.js';

/** Records every Twilio-API request in the log when its connection is done with it. */
export function createRequestLogger(deps: {
  log: RequestLog;
  logger: Logger;
  now?: () => number;
}): RequestHandler {
  const now = deps.now ?? Date.now;
  return (req, res, next) => {
    const at = now();
    const started = performance.now();
    res.once('close', () => {
      const entry = {
        method: req.method,
        path: req.path,
        query: readQuery(req),
        status: res.writableFinished ? res.statusCode : ('dropped' as const),
        fault: faultOf(res),
        at,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
      };
      deps.log.record(entry);
      deps.logger.debug(entry, 'emulated Twilio request');
    });
    next();
  };
}
