import { Router, type Request } from 'express';
import { renderMessage } from './message-resources.js';
import type { MessageState } from './message-state.js';
import { sendJson } from './respond.js';
import { parseTwilioForm, readForm } from './twilio-form.js';
import { TwilioApiError, twilioErrors } from './twilio-errors.js';

const MESSAGES = '/2010-04-01/Accounts/:accountSid/Messages';
const E164 = /^\+[1-9]\d{6,14}$/;
const SERVICE_SID = /^MG[0-9a-fA-F]{32}$/;

/**
 * Programmable Messaging (2010 API): create a message (To, Body, From or MessagingServiceSid,
 * StatusCallback) and fetch it. The message goes queued (accepted, with a Messaging Service),
 * sent, delivered, each step posted signed to its StatusCallback.
 */
export function createMessageRouter(deps: { accountSid: string; messages: MessageState }): Router {
  const router = Router({ caseSensitive: true });
  const checkAccount = (req: Request) => {
    if (req.params.accountSid !== deps.accountSid) throw twilioErrors.notFound(req.path);
  };
  router.post(`${MESSAGES}.json`, parseTwilioForm, (req, res) => {
    checkAccount(req);
    const form = readForm(req);
    const to = form.To;
    if (to === undefined) throw new TwilioApiError(400, 21604, "A 'To' phone number is required.");
    if (!E164.test(to))
      throw new TwilioApiError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    const from = form.From;
    const service = form.MessagingServiceSid;
    if (from === undefined && service === undefined)
      throw new TwilioApiError(400, 21603, "A 'From' phone number is required.");
    if (service !== undefined && !SERVICE_SID.test(service))
      throw twilioErrors.invalidParameter('MessagingServiceSid', 'not a Messaging Service SID');
    const body = form.Body;
    if (body === undefined || body === '')
      throw new TwilioApiError(400, 21602, 'Message body is required.');
    if (body.length > 1600)
      throw new TwilioApiError(
        400,
        21617,
        'The concatenated message body exceeds the 1600 character limit.',
      );
    if (deps.messages.isBlocked(to))
      throw new TwilioApiError(400, 21610, 'Attempt to send to unsubscribed recipient');
    const message = deps.messages.create({
      to,
      body,
      ...(from === undefined ? {} : { from }),
      ...(service === undefined ? {} : { messagingServiceSid: service }),
      ...(form.StatusCallback === undefined ? {} : { statusCallback: form.StatusCallback }),
    });
    sendJson(res, 201, renderMessage(deps.accountSid, message));
  });
  router.get(`${MESSAGES}/:messageSid.json`, (req, res) => {
    checkAccount(req);
    const message = deps.messages.get(String(req.params.messageSid));
    if (message === undefined) throw twilioErrors.notFound(req.path);
    sendJson(res, 200, renderMessage(deps.accountSid, message));
  });
  return router;
}
