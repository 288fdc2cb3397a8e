import { Router } from 'express';
import { requireBearerToken } from '../http/bearer-auth.js';
import { addCampaignRoutes, type CampaignRouteDeps } from './campaign-routes.js';
import { addOptOutRoutes } from './opt-out-routes.js';
import { createQueueRoutes, type QueueRouteDeps } from './queue-routes.js';
import type { OptOutList } from '../outbound/opt-out-list.js';
import type { CallbackStore } from '../callbacks/callback.js';
import { addCallbackRoutes } from './callback-routes.js';
import type { VoicemailStore } from '../voicemail/voicemail.js';
import { addVoicemailRoutes } from './voicemail-routes.js';

export interface ApiDeps extends QueueRouteDeps {
  /** API_TOKEN, or the demo token the server invented; undefined = the API is off. */
  readonly apiToken: string | undefined;
  /** Outbound campaigns; undefined = no campaign routes. */
  readonly campaigns?: Omit<CampaignRouteDeps, 'clock'>;
  /** The opt-out list; undefined = no opt-out routes. */
  readonly optOuts?: OptOutList;
  /** Callers' callbacks; undefined = no callback routes. */
  readonly callbacks?: Pick<CallbackStore, 'list' | 'get' | 'move'>;
  /** Callers' voicemails; undefined = no voicemail routes. */
  readonly voicemails?: Pick<VoicemailStore, 'list' | 'markDone'>;
}

/** JSON for IVRs, Studio flows and backends: the cache, and the estimate a caller would hear. */
export function createApiRouter(deps: ApiDeps): Router {
  const router = Router();
  const routes = createQueueRoutes(deps);
  if (deps.campaigns !== undefined)
    addCampaignRoutes(routes, { ...deps.campaigns, clock: deps.clock });
  if (deps.optOuts !== undefined)
    addOptOutRoutes(routes, { optOuts: deps.optOuts, clock: deps.clock });
  if (deps.callbacks !== undefined)
    addCallbackRoutes(routes, { callbacks: deps.callbacks, clock: deps.clock });
  if (deps.voicemails !== undefined)
    addVoicemailRoutes(routes, { voicemails: deps.voicemails, clock: deps.clock });
  router.use('/api', requireBearerToken(deps.apiToken), routes);
  return router;
}
