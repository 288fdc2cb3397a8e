import express, { type Express } from 'express';
import type { Logger } from '../logger.js';
import { createCallRouter } from './call-routes.js';
import type { CallState } from './call-state.js';
import { createControlRouter } from './control-routes.js';
import { createEventStreamsRouter } from './event-streams-routes.js';
import type { EventStreamsState } from './event-streams-state.js';
import { createErrorHandler } from './error-handler.js';
import type { EventDelivery } from './event-delivery.js';
import { createFaultMiddleware } from './fault-middleware.js';
import type { FaultController } from './faults.js';
import { createRecordingRouter } from './recording-routes.js';
import type { EmulatorRecordings } from './recording-state.js';
import type { RequestLog } from './request-log.js';
import { createRequestLogger } from './request-logger.js';
import { createStudioRouter } from './studio-routes.js';
import { createMessageRouter } from './message-routes.js';
import type { MessageState } from './message-state.js';
import type { StudioState } from './studio-state.js';
import { createTaskRouterRouter } from './taskrouter-routes.js';
import { twilioErrors } from './twilio-errors.js';
import { createTwilioAuth } from './twilio-auth.js';
import { createVoiceRouter } from './voice-routes.js';
import { createWorkerRouter } from './worker-routes.js';
import type { WorkerWriteTally } from './worker-write-tally.js';
import { createWorkspaceRouter } from './workspace-routes.js';
import type { WorkspaceState } from './workspace-state.js';

export interface EmulatorAppDeps {
  readonly authToken: string;
  readonly workspace: WorkspaceState;
  readonly faults: FaultController;
  readonly log: RequestLog;
  readonly events: EventDelivery;
  readonly workerWrites: WorkerWriteTally;
  readonly calls: CallState;
  readonly eventStreams: EventStreamsState;
  readonly studio: StudioState;
  readonly messages: MessageState;
  readonly recordings: EmulatorRecordings;
  /** Where RecordingUrl and media_url point. */
  readonly apiBase: () => string;
  readonly logger: Logger;
  /** The emulator's own base URL (known once it listens). */
  readonly baseUrl: () => string;
  readonly linkBase: 'twilio' | 'self';
  /** Aborts requests the faults are holding, when the emulator closes. */
  readonly signal: AbortSignal;
}

const TWILIO_TASKROUTER = 'https://taskrouter.twilio.com';
const TWILIO_STUDIO = 'https://studio.twilio.com';

/**
 * The emulator as an Express app, without a port: the control endpoints, then for Twilio's
 * paths the request log (and the worker-write tally), the faults, Basic auth, the routes, a
 * Twilio-shaped 404 and the one error handler. Faults come before auth, as a rate limit or an outage does in front of Twilio.
 */
export function createEmulatorApp(deps: EmulatorAppDeps): Express {
  const { workspace } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.set('case sensitive routing', true);
  const linkBase = deps.linkBase === 'self' ? deps.baseUrl : () => TWILIO_TASKROUTER;

  app.use(
    '/__emulator',
    createControlRouter({
      workspace,
      faults: deps.faults,
      log: deps.log,
      events: deps.events,
      workerWrites: deps.workerWrites,
      baseUrl: deps.baseUrl,
      linkBase: deps.linkBase,
    }),
  );
  app.use(createRequestLogger({ log: deps.log, logger: deps.logger }));
  app.use(deps.workerWrites.middleware);
  app.use(createFaultMiddleware({ faults: deps.faults, signal: deps.signal }));
  app.use(createTwilioAuth({ accountSid: workspace.accountSid, authToken: deps.authToken }));
  app.use(createWorkspaceRouter({ workspace, linkBase }));
  app.use(createTaskRouterRouter({ workspace, linkBase }));
  app.use(createWorkerRouter({ workspace, linkBase }));
  app.use(createVoiceRouter({ workspace }));
  app.use(
    createCallRouter({ accountSid: workspace.accountSid, calls: deps.calls, signal: deps.signal }),
  );
  app.use(createMessageRouter({ accountSid: workspace.accountSid, messages: deps.messages }));
  app.use(
    createRecordingRouter({
      accountSid: workspace.accountSid,
      recordings: deps.recordings,
      apiBase: deps.apiBase,
    }),
  );
  app.use(createEventStreamsRouter({ state: deps.eventStreams }));
  app.use(
    createStudioRouter({
      accountSid: workspace.accountSid,
      studio: deps.studio,
      roll: () => deps.calls.roll(),
      linkBase: deps.linkBase === 'self' ? deps.baseUrl : () => TWILIO_STUDIO,
    }),
  );
  app.use((req) => {
    throw twilioErrors.notFound(req.path);
  });
  app.use(createErrorHandler(deps.logger));
  return app;
}
