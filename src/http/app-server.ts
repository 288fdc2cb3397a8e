import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import type { Express } from 'express';

/**
 * The HTTP server for the app: what `app.listen` builds, except that Node constructs each
 * request and response with Express's prototypes already in place.
 *
 * Express's app.handle() re-prototypes every request and response (Object.setPrototypeOf onto
 * app.request / app.response). V8 pays for that on each object and on the code that touches
 * it: on a bare Express handler it was most of the CPU per request, and it multiplied the
 * garbage, what each scavenge promotes and how long scavenges pause (figures and the commands
 * that re-measure them: docs/performance.md).
 * Upstream: expressjs/express#5998. Node lets a server name the classes it constructs; these
 * subclasses become app.request and app.response (the originals sit right behind them, so
 * everything defined on them still applies), and Express's setPrototypeOf then finds the
 * prototype already set and has nothing to do. An app served elsewhere (supertest, app.listen) works as before.
 */
export function createAppServer(app: Express): Server {
  class AppRequest extends IncomingMessage {}
  class AppResponse extends ServerResponse<AppRequest> {}
  Object.setPrototypeOf(AppRequest.prototype, app.request);
  Object.setPrototypeOf(AppResponse.prototype, app.response);
  app.request = AppRequest.prototype as unknown as Express['request'];
  app.response = AppResponse.prototype as unknown as Express['response'];
  return createServer({ IncomingMessage: AppRequest, ServerResponse: AppResponse }, app);
}
