import type { Request, Response, Router } from 'express';
import { twilioErrors } from './twilio-errors.js';

/**
 * Adds a read-only resource: GET answers, any other method gets Twilio's 405 (code 20004)
 * rather than a 404 that would suggest the resource does not exist.
 */
export function getOnly(
  router: Router,
  path: string,
  handler: (req: Request, res: Response) => void,
): void {
  router
    .route(path)
    .get(handler)
    .all((req) => {
      throw twilioErrors.methodNotAllowed(req.method);
    });
}
