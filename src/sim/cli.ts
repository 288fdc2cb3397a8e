import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { readDemoSecret } from '../demo/demo-secrets.js';
import { buildSignedRequest, formatCurl } from '../twilio-webhook/signed-request.js';
import { USAGE, UsageError, buildWebhookRequest } from './webhook-requests.js';

/**
 * `npm run simulate -- <command>`: plays Twilio's part for one webhook. A process entry like
 * server.ts: it reads the environment, signs with the same key the server checks (the
 * configured TWILIO_AUTH_TOKEN, else the demo token the server keeps under DATA_DIR), prints the
 * equivalent curl line, sends the request and prints the TwiML that came back.
 */
async function main(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      queue: { type: 'string' },
      position: { type: 'string' },
      'queue-time': { type: 'string' },
      announced: { type: 'string' },
      after: { type: 'string' },
      'call-sid': { type: 'string' },
      'queue-sid': { type: 'string' },
      get: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [command, ...args] = positionals;
  const webhook = buildWebhookRequest(command, args, {
    ...values,
    queueTime: values['queue-time'],
    callSid: values['call-sid'],
    queueSid: values['queue-sid'],
  });

  const config = loadConfig(process.env);
  const authToken =
    config.twilio.authToken ?? (await readDemoSecret(config.dataDir, 'demo-auth-token'));
  if (authToken === undefined) {
    throw new UsageError(
      `no auth token: set TWILIO_AUTH_TOKEN, or start the demo once (npm start) so it writes ${config.dataDir}/demo-auth-token`,
    );
  }
  const base = (values.url ?? config.publicBaseUrl).replace(/\/+$/, '');
  const request = buildSignedRequest({
    authToken,
    method: webhook.method,
    url: base + webhook.path,
    params: webhook.params,
  });
  process.stdout.write(`${formatCurl(request)}\n\n`);
  if (values['dry-run'] === true) return 0;

  const response = await fetch(request.url, {
    method: request.method,
    headers: {
      'X-Twilio-Signature': request.signature,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: request.method === 'POST' ? new URLSearchParams(request.params).toString() : undefined,
  });
  process.stdout.write(`HTTP ${response.status}\n${indentTwiml(await response.text())}\n`);
  return response.ok ? 0 : 1;
}

/** One element per line, for reading in a terminal; the wire format stays as the server sent it. */
function indentTwiml(text: string): string {
  return text.replace(/></g, '>\n<');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
      process.exit(2);
    }
    const cause = (error as { cause?: { code?: string } }).cause;
    process.stderr.write(
      cause?.code === 'ECONNREFUSED'
        ? `nothing is listening there; is the server running (npm start)?\n`
        : `${String(error)}\n`,
    );
    process.exit(1);
  },
);
