import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One POST the listener received: what an app's EventCallbackUrl would see. */
export interface ReceivedEvent {
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly signature: string | undefined;
  readonly contentType: string | undefined;
}

/**
 * A stand-in for the app's EventCallbackUrl on loopback: records every delivery, and answers
 * as `answer` says (204 by default; a status, or a promise of one to hold the answer back).
 */
export async function startEventListener(
  options: { answer?: (received: ReceivedEvent, index: number) => number | Promise<number> } = {},
): Promise<{
  /** The callback URL, with a query string: the signature covers it too. */
  readonly url: string;
  readonly received: ReceivedEvent[];
  close(): Promise<void>;
}> {
  const received: ReceivedEvent[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then(async (body) => {
      const event: ReceivedEvent = {
        path: req.url ?? '',
        params: Object.fromEntries(new URLSearchParams(body)),
        signature: header(req, 'x-twilio-signature'),
        contentType: header(req, 'content-type'),
      };
      const index = received.push(event) - 1;
      const status = (await options.answer?.(event, index)) ?? 204;
      res.writeHead(status, { 'Content-Type': 'application/json' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/taskrouter/events?source=emulator`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
