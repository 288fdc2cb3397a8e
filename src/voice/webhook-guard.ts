import type { RequestHandler } from 'express';
import type { Config } from '../config.js';
import { createFormBodyParser } from '../http/form-body.js';
import { useVoiceFallback, type VoiceFallback } from '../http/twiml-fallback.js';
import { countFallbacks, timeWebhook } from '../metrics/http-metrics.js';
import type { Metrics } from '../metrics/registry.js';
import { createSignatureValidator } from '../twilio-webhook/signature.js';

/**
 * Twilio posts a few hundred bytes of form parameters; anything near this limit is not Twilio,
 * and is refused with 413 before it is parsed.
 */
export const WEBHOOK_BODY_LIMIT_BYTES = 16 * 1024;
const WEBHOOK_PARAMETER_LIMIT = 200;

/**
 * What stands before every TwiML webhook, in order: the timer, the route's fallback (so even a
 * refused body answers TwiML), body parsing with a size limit, the signature check.
 */
export function createTwimlGuard(deps: {
  config: Pick<Config, 'publicBaseUrl'>;
  authToken: string;
  metrics: Metrics;
}): (route: string, fallback: VoiceFallback) => RequestHandler[] {
  const parseForm = createFormBodyParser({
    limitBytes: WEBHOOK_BODY_LIMIT_BYTES,
    parameterLimit: WEBHOOK_PARAMETER_LIMIT,
  });
  const checkSignature = createSignatureValidator({
    authToken: deps.authToken,
    publicBaseUrl: deps.config.publicBaseUrl,
  });
  return (route, fallback) => [
    timeWebhook(deps.metrics, route),
    useVoiceFallback(fallback, countFallbacks(deps.metrics, route)),
    parseForm,
    checkSignature,
  ];
}
