import { Router } from 'express';
import { requireBearerToken } from '../http/bearer-auth.js';
import { addCampaignRoutes, type CampaignRouteDeps } from './campaign-routes.js';
import { addOptOutRoutes } from './opt-out-routes.js';
import { createQueueRoutes, type QueueRouteDeps } from './queue-routes.js';
import type { OptOutList } from '../outbound/opt-out-list.js';
import { addSupervisorRoutes, type SupervisorRouteDeps } from './supervisor-routes.js';

export interface ApiDeps extends QueueRouteDeps {
  /** API_TOKEN, or the demo token the server invented; undefined = the API is off. */
  readonly apiToken: string | undefined;
  /** Outbound campaigns; undefined = no campaign routes. */
  readonly campaigns?: Omit<CampaignRouteDeps, 'clock'>;
  /** The opt-out list; undefined = no opt-out routes. */
  readonly optOuts?: OptOutList;
  /** Callers' callbacks and voicemails (supervisor-routes.ts). */
  readonly callbacks?: SupervisorRouteDeps['callbacks'];
  readonly voicemails?: SupervisorRouteDeps['voicemails'];
  readonly recordings?: SupervisorRouteDeps['recordings'];
}

/** JSON for IVRs, Studio flows and backends: the cache, and the estimate a caller would hear. */
export function createApiRouter(deps: ApiDeps): Router {
  const router = Router();
  const routes = createQueueRoutes(deps);
  if (deps.campaigns !== undefined)
    addCampaignRoutes(routes, { ...deps.campaigns, clock: deps.clock });
  if (deps.optOuts !== undefined)
    addOptOutRoutes(routes, { optOuts: deps.optOuts, clock: deps.clock });
  addSupervisorRoutes(routes, deps);
  router.use('/api', requireBearerToken(deps.apiToken), routes);
  return router;
}
