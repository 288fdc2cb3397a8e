import type { NextFunction, Request, Response } from 'express';
import { toAppError } from '../errors.js';
import { readFallbackTwiml } from '../voice/fallback.js';
import { sendTwiml } from '../voice/send-twiml.js';

/**
 * The one error middleware. Under /voice and /rep-call-complete it always answers TwiML: a
 * client error (bad signature, oversized body) keeps its status so the request is visibly
 * refused; an internal error answers 200 with the route's fallback, so the caller hears a
 * sensible next step instead of Twilio's "application error". Everywhere else: JSON with a
 * stable code. Never a stack trace or a cause.
 */
export function errorHandler(
  error: unknown,
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  if (res.headersSent) {
    next(error);
    return;
  }
  const appError = toAppError(error);
  const level = appError.status >= 500 ? 'error' : 'warn';
  req.log[level](
    {
      err: error,
      code: appError.code,
      method: req.method,
      path: req.path,
      status: appError.status,
    },
    appError.message,
  );

  const fallback = readFallbackTwiml(res, appError.status);
  if (fallback !== undefined) {
    sendTwiml(res, fallback, appError.status >= 500 ? 200 : appError.status);
    return;
  }
  res.status(appError.status).json({
    error: { ...appError.details, code: appError.code, message: appError.message },
  });
}
