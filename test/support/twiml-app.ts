import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import twilio from 'twilio';

export interface TimedRequest {
  readonly path: string;
  readonly params: Record<string, string>;
  /** The emulator's scheduler time when the request arrived. */
  readonly at: number;
  readonly signatureValid: boolean;
}

/**
 * The app's side of a voice call for emulator tests: each path answers the TwiML body its
 * function gives (none: 204), every request is kept with the scheduler time it came at and
 * whether its signature checks out.
 */
export async function startTwimlApp(options: {
  authToken: string;
  now: () => number;
  answers: (url: (path: string) => string) => Record<string, () => string>;
}): Promise<{
  url(path: string): string;
  received: TimedRequest[];
  on(path: string): TimedRequest[];
  close(): Promise<void>;
}> {
  const received: TimedRequest[] = [];
  let base = '';
  const url = (path: string) => `${base}${path}`;
  const answers = options.answers(url);
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.post(/.*/, (req, res) => {
    const params = { ...(req.body as Record<string, string>) };
    const signatureValid = twilio.validateRequest(
      options.authToken,
      req.header('X-Twilio-Signature') ?? '',
      url(req.originalUrl),
      params,
    );
    received.push({ path: req.path, params, at: options.now(), signatureValid });
    const answer = answers[req.path];
    if (answer === undefined) res.status(204).end();
    else
      res
        .type('text/xml')
        .send(`<?xml version="1.0" encoding="UTF-8"?><Response>${answer()}</Response>`);
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    on: (path) => received.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
