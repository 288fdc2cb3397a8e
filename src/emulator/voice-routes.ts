import { Router, type Request, type Response } from 'express';
import { v2010Paging } from './page-links.js';
import { readPageQuery, slicePage } from './paging.js';
import { readQuery } from './query.js';
import { sendJson } from './respond.js';
import { getOnly } from './get-only.js';
import { twilioErrors } from './twilio-errors.js';
import { renderVoiceQueue } from './voice-resources.js';
import type { WorkspaceState } from './workspace-state.js';

const ACCOUNT = '/2010-04-01/Accounts/:accountSid';

/** Programmable Voice (2010 API): the Queues list and fetch. GET only. */
export function createVoiceRouter(deps: { readonly workspace: WorkspaceState }): Router {
  const { workspace } = deps;
  const router = Router({ caseSensitive: true });

  // Another account's resources do not exist, as far as these credentials can tell.
  const checkAccount = (req: Request) => {
    if (req.params.accountSid !== workspace.accountSid) throw twilioErrors.notFound(req.path);
  };
  const get = (path: string, handler: (req: Request, res: Response) => void) =>
    getOnly(router, path, handler);

  get(`${ACCOUNT}/Queues.json`, (req, res) => {
    checkAccount(req);
    const page = readPageQuery(readQuery(req));
    const slice = slicePage(workspace.list(), page);
    sendJson(res, 200, {
      ...v2010Paging({ listPath: req.path, query: page, slice }),
      queues: slice.items.map((q) => renderVoiceQueue(workspace.accountSid, q)),
    });
  });

  get(`${ACCOUNT}/Queues/:queueSid.json`, (req, res) => {
    checkAccount(req);
    const sid = String(req.params.queueSid);
    const queue = sid.startsWith('QU') ? workspace.get(sid) : undefined;
    if (queue === undefined || queue.voiceQueueSid !== sid) throw twilioErrors.notFound(req.path);
    sendJson(res, 200, renderVoiceQueue(workspace.accountSid, queue));
  });

  return router;
}
