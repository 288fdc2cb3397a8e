import { Router, type Request } from 'express';
import { v2010Paging } from './page-links.js';
import { readPageQuery, slicePage } from './paging.js';
import { pickParams, readQuery, rejectUnsupported } from './query.js';
import { mp3Of, wavOf } from './recording-media.js';
import { renderRecording } from './recording-resources.js';
import type { EmulatorRecordings } from './recording-state.js';
import { sendJson } from './respond.js';
import { twilioErrors } from './twilio-errors.js';

const RECORDINGS = '/2010-04-01/Accounts/:accountSid/Recordings';
/** Newest first: page tokens count down from here, so the list's order is ascending in them. */
const NEWEST_FIRST = 1e12;
const FILTERS = ['CallSid'];
/** The file of a recording: the resource (.json) or its media; no extension is the WAV. */
const FILE = /^(RE[0-9a-fA-F]{32})(?:\.(json|wav|mp3))?$/;

/**
 * The 2010 API's Recordings: the list (newest first, filter CallSid, 2010 paging), one
 * recording's JSON, and its media (`.wav`, `.mp3`, or no extension for the WAV) once it is
 * completed — before that, or for an absent one, the media is a 404 as on Twilio. GET only.
 */
export function createRecordingRouter(deps: {
  readonly accountSid: string;
  readonly recordings: EmulatorRecordings;
  /** What media_url points at (Twilio's API host, or the emulator itself). */
  readonly apiBase: () => string;
}): Router {
  const { accountSid, recordings } = deps;
  const router = Router({ caseSensitive: true });
  const checkAccount = (req: Request) => {
    if (req.params.accountSid !== accountSid) throw twilioErrors.notFound(req.path);
  };
  const notAllowed = (req: Request) => {
    throw twilioErrors.methodNotAllowed(req.method);
  };

  router
    .route(`${RECORDINGS}.json`)
    .get((req, res) => {
      checkAccount(req);
      const query = readQuery(req);
      rejectUnsupported(query, ['DateCreated', 'DateCreated<', 'DateCreated>', 'ConferenceSid']);
      const page = readPageQuery(query);
      const listed = recordings
        .list()
        .filter((recording) => query.CallSid === undefined || recording.callSid === query.CallSid)
        .map((recording) => ({ seq: NEWEST_FIRST - recording.seq, recording }))
        .sort((a, b) => a.seq - b.seq);
      const slice = slicePage(listed, page);
      sendJson(res, 200, {
        ...v2010Paging({
          listPath: req.path,
          query: page,
          slice,
          filters: pickParams(query, FILTERS),
        }),
        recordings: slice.items.map((item) =>
          renderRecording(accountSid, deps.apiBase(), item.recording),
        ),
      });
    })
    .all(notAllowed);

  router
    .route(`${RECORDINGS}/:file`)
    .get((req, res) => {
      checkAccount(req);
      const match = FILE.exec(String(req.params.file));
      const recording = match?.[1] === undefined ? undefined : recordings.get(match[1]);
      if (match === null || recording === undefined) throw twilioErrors.notFound(req.path);
      const format = match[2] ?? 'wav';
      if (format === 'json') {
        sendJson(res, 200, renderRecording(accountSid, deps.apiBase(), recording));
        return;
      }
      if (recording.status !== 'completed') throw twilioErrors.notFound(req.path);
      const mp3 = format === 'mp3';
      res
        .status(200)
        .type(mp3 ? 'audio/mpeg' : 'audio/x-wav')
        .send(mp3 ? mp3Of(recording.durationSeconds) : wavOf(recording.durationSeconds));
    })
    .all(notAllowed);

  return router;
}
