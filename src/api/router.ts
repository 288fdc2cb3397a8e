import { Router } from 'express';
import { requireBearerToken } from '../http/bearer-auth.js';
import { createQueueRoutes, type QueueRouteDeps } from './queue-routes.js';

export interface ApiDeps extends QueueRouteDeps {
  /** API_TOKEN, or the demo token the server invented; undefined = the API is off. */
  readonly apiToken: string | undefined;
}

/** JSON for IVRs, Studio flows and backends: the cache, and the estimate a caller would hear. */
export function createApiRouter(deps: ApiDeps): Router {
  const router = Router();
  router.use('/api', requireBearerToken(deps.apiToken), createQueueRoutes(deps));
  return router;
}
