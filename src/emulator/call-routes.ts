import { setTimeout as sleep } from 'node:timers/promises';
import { Router, type Request } from 'express';
import { parseCreateCall, parseUpdateCall, readFormValues } from './call-form.js';
import { CALL_FILTERS, callFilter } from './call-list-query.js';
import { renderCall } from './call-resources.js';
import type { CallState, EmulatedCall } from './call-state.js';
import { v2010Paging } from './page-links.js';
import { readPageQuery, slicePage } from './paging.js';
import { pickParams, readQuery } from './query.js';
import { markFault, sendJson } from './respond.js';
import { parseTwilioForm } from './twilio-form.js';
import { twilioErrors } from './twilio-errors.js';

const CALLS = '/2010-04-01/Accounts/:accountSid/Calls';
/** Newest first: page tokens count down from here, so the list's order is ascending in them. */
const NEWEST_FIRST = 1e12;

/**
 * Programmable Voice Calls (2010 API): create (queued behind the CPS, or 429 when too many
 * creates are in flight, or one of the create faults), list (filters, newest first), fetch,
 * and update with Status=canceled|completed, or Url (a redirect of an answered call).
 */
export function createCallRouter(deps: {
  readonly accountSid: string;
  readonly calls: CallState;
  /** Aborts held creates when the emulator closes. */
  readonly signal: AbortSignal;
}): Router {
  const { accountSid, calls } = deps;
  const router = Router({ caseSensitive: true });
  const checkAccount = (req: Request) => {
    if (req.params.accountSid !== accountSid) throw twilioErrors.notFound(req.path);
  };
  const callOf = (req: Request): EmulatedCall => {
    checkAccount(req);
    const call = calls.get(String(req.params.callSid));
    if (call === undefined) throw twilioErrors.notFound(req.path);
    return call;
  };
  const notAllowed = (req: Request) => {
    throw twilioErrors.methodNotAllowed(req.method);
  };

  router
    .route(`${CALLS}.json`)
    .post(parseTwilioForm, async (req, res) => {
      checkAccount(req);
      if (calls.inFlight >= calls.maxConcurrentCreates) {
        calls.countRefusal('tooManyConcurrent');
        markFault(res, 'rate-limited');
        throw twilioErrors.tooManyRequests(undefined);
      }
      calls.admit();
      try {
        await calls.waitForRelease();
        if (calls.createLatencyMs > 0) {
          await sleep(calls.createLatencyMs, undefined, { signal: deps.signal });
        }
        const request = parseCreateCall(readFormValues(req));
        const decision = calls.decideCreate(() => calls.roll());
        if (decision.kind === 'fail-before-create') {
          calls.countRefusal('failedBeforeCreate');
          markFault(res, 'server-error');
          throw twilioErrors.internal();
        }
        const call = calls.create(request);
        if (decision.kind === 'lost-answer') {
          calls.countRefusal('lostAnswers');
          markFault(res, decision.as === 'drop' ? 'drop' : 'server-error');
          if (decision.as === 'server-error') throw twilioErrors.internal();
          req.socket.destroy();
          return;
        }
        sendJson(res, 201, renderCall(accountSid, call));
      } finally {
        calls.leave();
      }
    })
    .get((req, res) => {
      checkAccount(req);
      const query = readQuery(req);
      const page = readPageQuery(query);
      const matches = callFilter(query);
      const listed = calls
        .list()
        .filter(matches)
        .map((call) => ({ seq: NEWEST_FIRST - call.seq, call }))
        .sort((a, b) => a.seq - b.seq);
      const slice = slicePage(listed, page);
      sendJson(res, 200, {
        ...v2010Paging({
          listPath: req.path,
          query: page,
          slice,
          filters: pickParams(query, CALL_FILTERS),
        }),
        calls: slice.items.map((item) => renderCall(accountSid, item.call)),
      });
    })
    .all(notAllowed);

  router
    .route(`${CALLS}/:callSid.json`)
    .get((req, res) => {
      sendJson(res, 200, renderCall(accountSid, callOf(req)));
    })
    .post(parseTwilioForm, (req, res) => {
      const call = callOf(req);
      const update = parseUpdateCall(readFormValues(req));
      const updated =
        update.kind === 'end'
          ? calls.end(call.sid, update.status)
          : calls.redirect(call.sid, update.url, update.method);
      sendJson(res, 200, renderCall(accountSid, updated));
    })
    .all(notAllowed);

  return router;
}
