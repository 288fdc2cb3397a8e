import type { RequestHandler, Router } from 'express';
import type { Metrics } from '../metrics/registry.js';
import { phrases } from './announcement.js';
import { holdAudio, sayOptions, type VoiceDeps } from './deps.js';
import type { VoiceFallback } from '../http/twiml-fallback.js';
import { createDequeuedHandler } from './dequeued.js';
import { createIncomingHandler } from './incoming.js';
import { createQueueResultHandler } from './queue-result.js';
import { buildRepRestTwimlFor, createRepCallCompleteHandler } from './rep-call-complete.js';
import {
  buildEmptyTwiml,
  buildEnqueueTwiml,
  buildSayAndHangupTwiml,
  buildWaitTwiml,
} from './twiml.js';
import { absoluteUrl } from './urls.js';
import { createWaitHandler } from './wait.js';
import { createCallbackOfferHandler } from './callback-offer.js';
import { callbackPhrases, voicemailPhrases } from './announcement.js';
import { buildBackToHoldTwiml } from './callback-twiml.js';
import { createTwimlGuard } from './webhook-guard.js';
import { createVoicemailRecordedHandler } from './voicemail-recorded.js';
import { createVoicemailRecordingHandler } from './voicemail-recording.js';
import { createVoicemailTranscriptionHandler } from './voicemail-transcription.js';

/**
 * Adds the Twilio webhooks to `app`, each behind its guard (webhook-guard.ts). They go on the app itself,
 * not a mounted sub-router: a mount costs each request a second routing pass.
 */
export function installVoiceRoutes(
  app: Router,
  deps: VoiceDeps & { authToken: string; metrics: Metrics },
): void {
  const { config } = deps;
  const fallbacks = buildFallbacks(config);
  const guard = createTwimlGuard(deps);
  /** A signed Twilio webhook: its guard (named by the path) in front of its handler. */
  const post = (path: string, fallback: VoiceFallback, handler: RequestHandler) =>
    app.post(path, guard(path, fallback), handler);

  post('/voice/incoming', fallbacks.incoming, createIncomingHandler(deps));
  post('/voice/wait', fallbacks.wait, createWaitHandler(deps));
  post('/voice/callback-offer', fallbacks.callbackOffer, createCallbackOfferHandler(deps));
  post('/voice/queue-result', fallbacks.queueResult, createQueueResultHandler(deps));
  post('/voice/dequeued', fallbacks.dequeued, createDequeuedHandler(deps));
  post(
    '/voice/voicemail/recorded',
    fallbacks.voicemailRecorded,
    createVoicemailRecordedHandler(deps),
  );
  post(
    '/voice/voicemail/recording',
    fallbacks.voicemailCallback,
    createVoicemailRecordingHandler(deps),
  );
  post(
    '/voice/voicemail/transcription',
    fallbacks.voicemailCallback,
    createVoicemailTranscriptionHandler(deps),
  );
  const repLoop = createRepCallCompleteHandler(deps);
  const repGuard = guard('/rep-call-complete', fallbacks.repCallComplete);
  app.get('/rep-call-complete', repGuard, repLoop);
  app.post('/rep-call-complete', repGuard, repLoop);
}

/**
 * When a route fails on our side the call still goes somewhere useful: a new caller is put in
 * the regular queue without announcements, a waiting caller keeps holding, a rep's loop rests
 * and starts a new round. Refused requests (bad signature, oversized body) hear an apology.
 */
function buildFallbacks(config: VoiceDeps['config']) {
  const say = sayOptions(config);
  const refused = buildSayAndHangupTwiml({ say, lines: [phrases.fallback] });
  const regular = config.queues[config.queues.length - 1] as string;
  const url = (path: string, query: Record<string, string> = {}) =>
    absoluteUrl(config.publicBaseUrl, path, query);
  return {
    incoming: {
      refused,
      failed: buildEnqueueTwiml({
        say,
        lines: [],
        queue: regular,
        waitUrl: url('/voice/wait', { queue: regular }),
        actionUrl: url('/voice/queue-result', { queue: regular }),
      }),
    },
    wait: {
      refused,
      failed: buildWaitTwiml({
        say,
        lines: [],
        hold: holdAudio(config),
        redirectUrl: url('/voice/wait'),
      }),
    },
    // The caller is still in the queue: whatever failed, they keep holding in their place.
    callbackOffer: {
      refused,
      failed: buildBackToHoldTwiml({
        say,
        lines: [callbackPhrases.unavailable],
        waitUrl: url('/voice/wait'),
      }),
    },
    queueResult: { refused, failed: buildSayAndHangupTwiml({ say, lines: [phrases.goodbye] }) },
    // Played to a caller about to be bridged: whatever went wrong, never cut the bridge.
    dequeued: { refused: buildEmptyTwiml(), failed: buildEmptyTwiml() },
    repCallComplete: { refused, failed: buildRepRestTwimlFor(config) },
    // After the message: whatever failed, the caller has said it, and Twilio keeps the recording.
    voicemailRecorded: {
      refused,
      failed: buildSayAndHangupTwiml({ say, lines: [voicemailPhrases.thanks] }),
    },
    // Status and transcription callbacks: nobody hears their answer.
    voicemailCallback: { refused: buildEmptyTwiml(), failed: buildEmptyTwiml() },
  } satisfies Record<string, VoiceFallback>;
}
