import { Router, type Request } from 'express';
import { v1Meta } from './page-links.js';
import { readPageQuery, slicePage } from './paging.js';
import { pickParams, readQuery } from './query.js';
import { markFault, sendJson } from './respond.js';
import { sidPattern } from './sids.js';
import type { ExecutionRecord } from './studio-execution.js';
import { dateParam, parseCreateExecution } from './studio-form.js';
import { renderExecution, renderExecutionContext } from './studio-resources.js';
import type { StudioState } from './studio-state.js';
import { parseTwilioForm, readForm } from './twilio-form.js';
import { twilioErrors } from './twilio-errors.js';

const EXECUTIONS = '/v2/Flows/:flowSid/Executions';
/** The list's filters, named as Studio names them (`status` in lower case). */
const FILTERS = ['status', 'DateCreatedFrom', 'DateCreatedTo'];
/** Newest first: page tokens count down from here, so the list's order is ascending in them. */
const NEWEST_FIRST = 1e12;

/**
 * Studio v2 Executions of any flow (each runs the template flow, studio-flow.ts): create (or a
 * 409 while the contact has one active, or one of the create faults calls have), list (status,
 * DateCreatedFrom/To, newest first, TaskRouter-style `meta`), fetch, its Context, and the update
 * that ends it (Status=ended).
 */
export function createStudioRouter(deps: {
  readonly accountSid: string;
  readonly studio: StudioState;
  readonly roll: () => number;
  readonly linkBase: () => string;
}): Router {
  const { accountSid, studio } = deps;
  const router = Router({ caseSensitive: true });
  const flowOf = (req: Request) => {
    const flowSid = String(req.params.flowSid);
    if (!sidPattern('FW').test(flowSid)) throw twilioErrors.notFound(req.path);
    return flowSid;
  };
  const executionOf = (req: Request): ExecutionRecord => {
    const execution = studio.find(flowOf(req), String(req.params.sid));
    if (execution === undefined) throw twilioErrors.notFound(req.path);
    return execution;
  };
  const notAllowed = (req: Request) => {
    throw twilioErrors.methodNotAllowed(req.method);
  };
  const render = (execution: ExecutionRecord) =>
    renderExecution(accountSid, deps.linkBase(), execution);

  router
    .route(EXECUTIONS)
    .post(parseTwilioForm, async (req, res) => {
      const flowSid = flowOf(req);
      const request = parseCreateExecution(readForm(req));
      await studio.waitForRelease();
      const decision = studio.decideCreate(deps.roll);
      if (decision.kind === 'fail-before-create') {
        markFault(res, 'server-error');
        throw twilioErrors.internal();
      }
      const execution = studio.create(flowSid, request);
      if (decision.kind === 'lost-answer') {
        markFault(res, decision.as === 'drop' ? 'drop' : 'server-error');
        if (decision.as === 'server-error') throw twilioErrors.internal();
        req.socket.destroy();
        return;
      }
      sendJson(res, 201, render(execution));
    })
    .get((req, res) => {
      const flowSid = flowOf(req);
      const query = readQuery(req);
      const page = readPageQuery(query);
      const from = dateParam(query, 'DateCreatedFrom');
      const to = dateParam(query, 'DateCreatedTo');
      const status = query.status;
      if (status !== undefined && status !== 'active' && status !== 'ended') {
        throw twilioErrors.invalidParameter('status', 'must be active or ended');
      }
      // Studio's dates have whole seconds: a filter compares against those.
      const created = (e: ExecutionRecord) => Math.floor(e.createdAt / 1000) * 1000;
      const listed = studio
        .of(flowSid)
        .filter(
          (e) =>
            (from === undefined || created(e) >= from) && (to === undefined || created(e) < to),
        )
        .filter((e) => status === undefined || e.status === status)
        .map((execution) => ({ seq: NEWEST_FIRST - execution.seq, execution }))
        .sort((a, b) => a.seq - b.seq);
      const slice = slicePage(listed, page);
      sendJson(res, 200, {
        executions: slice.items.map((item) => render(item.execution)),
        meta: v1Meta({
          key: 'executions',
          listUrl: `${deps.linkBase()}${req.path}`,
          filters: pickParams(query, FILTERS),
          query: page,
          slice,
        }),
      });
    })
    .all(notAllowed);

  router
    .route(`${EXECUTIONS}/:sid`)
    .get((req, res) => sendJson(res, 200, render(executionOf(req))))
    .post(parseTwilioForm, (req, res) => {
      const execution = executionOf(req);
      const form = readForm(req);
      for (const key of Object.keys(form)) {
        if (key !== 'Status') throw twilioErrors.invalidParameter(key, 'only Status is updated');
      }
      if (form.Status !== 'ended') throw twilioErrors.invalidParameter('Status', 'must be ended');
      studio.end(execution);
      sendJson(res, 200, render(execution));
    })
    .all(notAllowed);

  router
    .route(`${EXECUTIONS}/:sid/Context`)
    .get((req, res) =>
      sendJson(res, 200, renderExecutionContext(accountSid, deps.linkBase(), executionOf(req))),
    )
    .all(notAllowed);

  return router;
}
