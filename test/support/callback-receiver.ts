import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import twilio from 'twilio';

export interface ReceivedCallback {
  readonly method: string;
  readonly path: string;
  readonly params: Record<string, string>;
  /** X-Twilio-Signature checked with twilio.validateRequest against the full URL. */
  readonly signatureValid: boolean;
}

export const ANSWER_TWIML =
  '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Hello</Say></Response>';

/**
 * A small app standing where holdline's webhooks would: it records every request the emulator
 * makes (status callbacks, the call's Url, AMD callbacks), checks each signature as the app
 * would, and answers the Url paths (`/answer…`) with TwiML.
 */
export async function startCallbackReceiver(authToken: string): Promise<{
  readonly baseUrl: string;
  readonly received: ReceivedCallback[];
  on(path: string): ReceivedCallback[];
  close(): Promise<void>;
}> {
  const received: ReceivedCallback[] = [];
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  let baseUrl = '';
  app.all(/.*/, (req, res) => {
    const params =
      req.method === 'POST'
        ? { ...(req.body as Record<string, string>) }
        : { ...(req.query as Record<string, string>) };
    const url = `${baseUrl}${req.originalUrl}`;
    const signature = req.header('X-Twilio-Signature') ?? '';
    const signatureValid = twilio.validateRequest(
      authToken,
      signature,
      url,
      req.method === 'POST' ? params : {},
    );
    received.push({ method: req.method, path: req.path, params, signatureValid });
    if (req.path.startsWith('/answer')) res.type('text/xml').send(ANSWER_TWIML);
    else res.status(204).end();
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    baseUrl,
    received,
    on: (path) => received.filter((r) => r.path === path),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
