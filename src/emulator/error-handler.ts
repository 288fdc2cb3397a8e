import type { ErrorRequestHandler } from 'express';
import type { Logger } from '../logger.js';
import { sendJson } from './respond.js';
import { TwilioApiError, twilioErrorBody } from './twilio-errors.js';
import { EmulatorInputError } from './validation.js';

/** The one place errors become answers, all in Twilio's error shape. */
export function createErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const apiError = toTwilioApiError(error);
    if (apiError.status === 500 && !(error instanceof TwilioApiError)) {
      logger.error({ err: error, path: req.path }, 'emulator failed on a request');
    }
    if (res.headersSent) {
      req.socket.destroy();
      return;
    }
    res.set(apiError.headers);
    sendJson(res, apiError.status, twilioErrorBody(apiError));
  };
}

function toTwilioApiError(error: unknown): TwilioApiError {
  if (error instanceof TwilioApiError) return error;
  if (error instanceof EmulatorInputError) {
    return new TwilioApiError(400, 20001, error.message);
  }
  // body-parser's errors (bad JSON on a control endpoint) carry a 4xx status.
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new TwilioApiError(status, 20001, (error as Error).message);
  }
  return new TwilioApiError(500, 20500, 'An internal server error has occurred');
}
