import type { Router } from 'express';
import type { Twilio } from 'twilio';
import type { CallbackStore } from '../callbacks/callback.js';
import type { Clock } from '../clock.js';
import type { VoicemailStore } from '../voicemail/voicemail.js';
import { addCallbackRoutes } from './callback-routes.js';
import { addVoicemailAudioRoute } from './voicemail-audio-routes.js';
import { addVoicemailRoutes } from './voicemail-routes.js';

export interface SupervisorRouteDeps {
  readonly clock: Clock;
  /** Callers' callbacks; undefined = no callback routes. */
  readonly callbacks?: Pick<CallbackStore, 'list' | 'get' | 'move' | 'holdingPlace'>;
  /** Callers' voicemails; undefined = no voicemail routes. */
  readonly voicemails?: Pick<VoicemailStore, 'list' | 'markDone' | 'get'>;
  /** A Twilio client to fetch recordings with; undefined = no recording route (nothing to fetch with). */
  readonly recordings?: Pick<Twilio, 'request'>;
}

/**
 * The work callers leave behind (callbacks: list, cancel; voicemails: list, done, the recording),
 * on a router: the same routes under /api (bearer token) and /admin/api (session and CSRF).
 */
export function addSupervisorRoutes(router: Router, deps: SupervisorRouteDeps): void {
  const { clock, callbacks, voicemails, recordings } = deps;
  if (callbacks !== undefined) addCallbackRoutes(router, { callbacks, clock });
  if (voicemails === undefined) return;
  addVoicemailRoutes(router, { voicemails, clock });
  if (recordings !== undefined) addVoicemailAudioRoute(router, { voicemails, twilio: recordings });
}
