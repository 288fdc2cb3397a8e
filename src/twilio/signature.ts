import type { NextFunction, Request, Response } from 'express';
import twilio from 'twilio';
import { AppError } from '../errors.js';

/**
 * Checks X-Twilio-Signature against PUBLIC_BASE_URL + the original URL, not the Host header:
 * behind a load balancer or tunnel the URL Twilio signed is the public one. Twilio signs POST
 * form parameters; a GET's parameters are part of the URL, so they are not added again.
 */
export function createSignatureValidator(options: { authToken: string; publicBaseUrl: string }) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const signature = req.get('x-twilio-signature');
    if (signature === undefined || signature === '') throw new AppError('SIGNATURE_MISSING');
    const params = req.method === 'POST' && isFormBody(req.body) ? req.body : {};
    const url = options.publicBaseUrl + req.originalUrl;
    if (!isValidSignature(options.authToken, signature, url, params)) {
      throw new AppError('SIGNATURE_INVALID');
    }
    next();
  };
}

/** The SDK parses the URL and throws on one it cannot; an unparseable URL is simply not valid. */
function isValidSignature(
  authToken: string,
  signature: string,
  url: string,
  params: Record<string, string>,
): boolean {
  try {
    return twilio.validateRequest(authToken, signature, url, params);
  } catch {
    return false;
  }
}

function isFormBody(body: unknown): body is Record<string, string> {
  return body !== null && typeof body === 'object';
}
