import { timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { AppError, clipForMessage } from '../errors.js';
import { findRepeatedParam } from './repeated-params.js';
import { createSignatureDigest, type FormParams } from './signature-digest.js';
import { signedBaseUrls } from './signed-urls.js';

const NO_PARAMS: FormParams = Object.freeze({});

/**
 * Checks X-Twilio-Signature against PUBLIC_BASE_URL + the original URL, not the Host header:
 * behind a load balancer or tunnel the URL Twilio signed is the public one. Twilio signs POST
 * form parameters; a GET's parameters are part of the URL, so they are not added again.
 * Accepted URLs: that one, and its default-port variant only (see signedBaseUrls); the exact
 * one is tried first, so almost every request costs one HMAC.
 * A signed request that repeats a parameter is refused too (400): see findRepeatedParam.
 */
export function createSignatureValidator(options: { authToken: string; publicBaseUrl: string }) {
  const digest = createSignatureDigest(options.authToken);
  const bases = signedBaseUrls(options.publicBaseUrl);
  return (req: Request, _res: Response, next: NextFunction): void => {
    const signature = req.headers['x-twilio-signature'];
    if (typeof signature !== 'string' || signature === '') throw new AppError('SIGNATURE_MISSING');
    const params = req.method === 'POST' && isFormBody(req.body) ? req.body : NO_PARAMS;
    if (!bases.some((base) => sameSignature(signature, digest(base + req.originalUrl, params)))) {
      throw new AppError('SIGNATURE_INVALID');
    }
    // Part of the same question (is this the request Twilio signed?): the signature does not
    // cover how often a parameter was sent.
    const repeated = findRepeatedParam(req, params);
    if (repeated !== undefined) {
      throw new AppError('INVALID_PARAMETER', {
        message: `Parameter ${clipForMessage(repeated)} is repeated; Twilio sends it once`,
      });
    }
    next();
  };
}

function sameSignature(offered: string, expected: string): boolean {
  const a = Buffer.from(offered);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isFormBody(body: unknown): body is FormParams {
  return body !== null && typeof body === 'object';
}
