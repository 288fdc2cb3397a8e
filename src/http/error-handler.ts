import type { NextFunction, Request, Response } from 'express';
import { toAppError } from '../errors.js';
import type { RefusalLog } from './refusal-log.js';
import { readFallbackTwiml } from './twiml-fallback.js';
import { sendTwiml } from './send-twiml.js';

/**
 * The one error middleware. Under /voice and /rep-call-complete it always answers TwiML: a
 * client error (bad signature, oversized body) keeps its status so the request is visibly
 * refused; an internal error answers 200 with the route's fallback, so the caller hears a
 * sensible next step instead of Twilio's "application error". Everywhere else: JSON with a
 * stable code. Never a stack trace or a cause. A refusal (4xx) is logged short and sampled
 * (`refusals`); a failure on our side (5xx) in full, with its stack.
 */
export function createErrorHandler(deps: { refusals: RefusalLog }) {
  return (error: unknown, req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const appError = toAppError(error);
    if (appError.status >= 500) {
      req.log.error(
        {
          err: error,
          code: appError.code,
          method: req.method,
          path: req.path,
          status: appError.status,
        },
        appError.message,
      );
    } else {
      deps.refusals.refused(req, appError);
    }

    const fallback = readFallbackTwiml(res, appError.status);
    if (fallback !== undefined) {
      sendTwiml(res, fallback, appError.status >= 500 ? 200 : appError.status);
      return;
    }
    res.status(appError.status).json({
      error: { ...appError.details, code: appError.code, message: appError.message },
    });
  };
}
