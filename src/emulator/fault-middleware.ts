import { setTimeout as sleep } from 'node:timers/promises';
import type { RequestHandler } from 'express';
import type { FaultController } from './faults.js';
import { markFault } from './respond.js';
import { twilioErrors } from './twilio-errors.js';

/**
 * Applies what the fault controller decides for each Twilio request: hold it (latency, a
 * scripted delay), then answer 429/5xx, drop the connection, or let it through (perhaps to be
 * cut short as malformed JSON). `signal` aborts the holds when the emulator closes.
 */
export function createFaultMiddleware(deps: {
  faults: FaultController;
  signal: AbortSignal;
}): RequestHandler {
  return async (req, res, next) => {
    const decision = deps.faults.decide(req.path, req.method);
    if (decision.scriptedDelay) markFault(res, 'delay');
    if (decision.delayMs > 0) {
      try {
        await sleep(decision.delayMs, undefined, { signal: deps.signal });
      } catch {
        req.socket.destroy();
        return;
      }
    }
    const outcome = decision.outcome;
    if (outcome === undefined) {
      next();
      return;
    }
    markFault(res, outcome.kind);
    switch (outcome.kind) {
      case 'drop':
        // No status line, no body: the client sees the connection reset.
        req.socket.destroy();
        return;
      case 'rate-limited':
        throw twilioErrors.tooManyRequests(outcome.retryAfterSeconds);
      case 'server-error':
        throw outcome.status === 503 ? twilioErrors.unavailable() : twilioErrors.internal();
      case 'malformed':
        next();
        return;
    }
  };
}
