import express, { type Request, type Router } from 'express';
import { z } from 'zod';
import type { Clock } from '../clock.js';
import { AppError, clipForMessage, storeCall } from '../errors.js';
import {
  VOICEMAIL_STATES,
  type Voicemail,
  type VoicemailState,
  type VoicemailStore,
} from '../voicemail/voicemail.js';
import { sendUncached } from './uncached.js';

export interface VoicemailRouteDeps {
  readonly clock: Clock;
  readonly voicemails: Pick<VoicemailStore, 'list' | 'markDone'>;
}

const filterSchema = z
  .object({
    queue: z.string().min(1).max(128).optional(),
    state: z.enum(VOICEMAIL_STATES as [VoicemailState, ...VoicemailState[]]).optional(),
  })
  .strict();

/** Marking done takes nothing: no body, or an empty JSON object. */
const doneBodySchema = z.object({}).strict();

/**
 * The messages callers left instead of holding (docs/voicemail.md), for supervisors:
 * - GET /voicemails?queue=&state=: newest first, with the recording and transcription;
 * - POST /voicemails/{id}/done: dealt with. Done again answers the same (the first time kept);
 *   one with nothing recorded yet is refused (409), as nobody could have listened to it.
 */
export function addVoicemailRoutes(router: Router, deps: VoicemailRouteDeps): void {
  // As the campaign routes: JSON whatever the type says once the type was checked; a client
  // that sends no body (a browser's bare POST) sends nothing to check.
  const parseJson = express.json({ limit: '1kb', type: () => true });

  router.get('/voicemails', async (req, res) => {
    const filter = filterSchema.safeParse(req.query);
    if (!filter.success) throw invalid(filter.error);
    const { queue, state } = filter.data;
    const found = await storeCall('VOICEMAILS_UNAVAILABLE', () =>
      deps.voicemails.list({
        ...(queue === undefined ? {} : { queue }),
        ...(state === undefined ? {} : { state }),
      }),
    );
    sendUncached(res, { voicemails: found.map(viewVoicemail) });
  });

  router.post(
    '/voicemails/:voicemail/done',
    (req, _res, next) => {
      if (sendsContent(req) && !req.is('application/json')) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE');
      }
      next();
    },
    parseJson,
    async (req, res) => {
      const body = doneBodySchema.safeParse(req.body ?? {});
      if (!body.success) throw invalid(body.error);
      const id = voicemailParam(req);
      const voicemail = await storeCall('VOICEMAILS_UNAVAILABLE', () =>
        deps.voicemails.markDone(id, deps.clock.now()),
      );
      if (voicemail === undefined) {
        throw new AppError('VOICEMAIL_NOT_FOUND', {
          message: `No voicemail "${clipForMessage(id)}"`,
        });
      }
      req.log.info({ voicemail: id, doneAt: voicemail.doneAt }, 'voicemail marked done');
      sendUncached(res, { voicemail: viewVoicemail(voicemail) });
    },
  );
}

function invalid(error: z.ZodError): AppError {
  return new AppError('INVALID_PARAMETER', {
    details: {
      problems: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    },
  });
}

/** A body with something in it (a length above 0, or chunks to come). */
function sendsContent(req: Request): boolean {
  const length = req.get('content-length');
  return req.get('transfer-encoding') !== undefined || (length !== undefined && length !== '0');
}

/** The `:voicemail` route parameter ('' when absent: no voicemail has that id). */
export function voicemailParam(req: Request): string {
  const value: unknown = req.params.voicemail;
  return typeof value === 'string' ? value : '';
}

const iso = (at: number) => new Date(at).toISOString();

/** Every field always present (null when absent), times as ISO 8601. */
function viewVoicemail(voicemail: Voicemail) {
  const { recording, transcription } = voicemail;
  return {
    id: voicemail.id,
    queue: voicemail.queue,
    callerCallSid: voicemail.callerCallSid,
    from: voicemail.from ?? null,
    state: voicemail.state,
    requestedAt: iso(voicemail.requestedAt),
    recording:
      recording === undefined
        ? null
        : {
            sid: recording.sid,
            url: recording.url,
            durationSeconds: recording.durationSeconds,
            receivedAt: iso(recording.receivedAt),
          },
    transcription:
      transcription === undefined
        ? null
        : {
            status: transcription.status,
            text: transcription.text ?? null,
            receivedAt: iso(transcription.receivedAt),
          },
    doneAt: voicemail.doneAt === undefined ? null : iso(voicemail.doneAt),
  };
}
