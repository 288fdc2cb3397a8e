import { Router } from 'express';
import { rejectUnsupported } from './query.js';
import { sendJson } from './respond.js';
import { parseTwilioForm, readForm } from './twilio-form.js';
import { twilioErrors } from './twilio-errors.js';
import { workspaceCheck } from './workspace-path.js';
import { renderWorkspace } from './workspace-resource.js';
import type { WorkspaceSettingsPatch, WorkspaceState } from './workspace-state.js';

/**
 * The Workspace resource: GET, and POST for the fields the emulator acts on (EventCallbackUrl,
 * EventsFilter, FriendlyName). An empty EventCallbackUrl or EventsFilter clears it. The other
 * documented fields are a 400 rather than silently ignored.
 */
export function createWorkspaceRouter(deps: {
  readonly workspace: WorkspaceState;
  readonly linkBase: () => string;
}): Router {
  const { workspace } = deps;
  const router = Router({ caseSensitive: true });
  const checkWorkspace = workspaceCheck(workspace);

  router
    .route('/v1/Workspaces/:workspaceSid')
    .get((req, res) => {
      checkWorkspace(req);
      sendJson(res, 200, renderWorkspace(deps.linkBase(), workspace));
    })
    .post(parseTwilioForm, (req, res) => {
      checkWorkspace(req);
      const form = readForm(req);
      rejectUnsupported(form, [
        'DefaultActivitySid',
        'TimeoutActivitySid',
        'MultiTaskEnabled',
        'PrioritizeQueueOrder',
      ]);
      workspace.configure(readSettings(form));
      sendJson(res, 200, renderWorkspace(deps.linkBase(), workspace));
    })
    .all((req) => {
      throw twilioErrors.methodNotAllowed(req.method);
    });

  return router;
}

function readSettings(form: Readonly<Record<string, string>>): WorkspaceSettingsPatch {
  const { EventCallbackUrl: url, EventsFilter: filter, FriendlyName: name } = form;
  if (url !== undefined && url !== '' && !isHttpUrl(url)) {
    throw twilioErrors.invalidParameter('EventCallbackUrl', 'must be an http(s) URL');
  }
  if (name !== undefined && name.trim() === '') {
    throw twilioErrors.invalidParameter('FriendlyName', 'must not be empty');
  }
  const types = filter
    ?.split(',')
    .map((type) => type.trim())
    .filter((type) => type !== '');
  return {
    eventCallbackUrl: url === undefined ? undefined : url === '' ? null : url,
    eventsFilter: types === undefined ? undefined : types.length === 0 ? null : types,
    friendlyName: name?.trim(),
  };
}

export function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
