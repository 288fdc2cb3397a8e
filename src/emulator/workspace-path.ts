import type { Request } from 'express';
import { twilioErrors } from './twilio-errors.js';

/** A request for another Workspace's resources is Twilio's 404, as for any unknown path. */
export function workspaceCheck(workspace: { readonly workspaceSid: string }) {
  return (req: Request): void => {
    if (req.params.workspaceSid !== workspace.workspaceSid) throw twilioErrors.notFound(req.path);
  };
}
