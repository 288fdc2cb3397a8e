import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { UsageError } from './request-parts.js';
import { readSimulateCredentials } from './simulate-credentials.js';
import { USAGE } from './simulate-usage.js';
import { buildWebhookRequest } from './webhook-requests.js';
import { toWireRequest } from './wire-request.js';

/**
 * `npm run simulate -- <command>`: plays Twilio's part for one webhook. A process entry like
 * server.ts: it reads the environment, signs with the same key the server checks (the
 * configured TWILIO_AUTH_TOKEN, else the demo token the server keeps under DATA_DIR) or sends
 * the credentials a JSON sender would, prints the equivalent curl line, sends the request and
 * prints what came back (TwiML, or JSON).
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
      campaign: { type: 'string' },
      attempt: { type: 'string' },
      contact: { type: 'string' },
      'answered-by': { type: 'string' },
      'detection-ms': { type: 'string' },
      sequence: { type: 'string' },
      duration: { type: 'string' },
      digits: { type: 'string' },
      reason: { type: 'string' },
      get: { type: 'boolean' },
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig(process.env);
  const base = (values.url ?? config.publicBaseUrl).replace(/\/+$/, '');
  const [command, ...args] = positionals;
  const webhook = buildWebhookRequest(command, args, {
    ...values,
    queueTime: values['queue-time'],
    callSid: values['call-sid'],
    queueSid: values['queue-sid'],
    answeredBy: values['answered-by'],
    detectionMs: values['detection-ms'],
    // Event Streams carries the status callback's URL as the dialer built it: the public one.
    baseUrl: config.publicBaseUrl,
  });
  const request = toWireRequest(webhook, base, await readSimulateCredentials(config));
  process.stdout.write(`${request.curl}\n\n`);
  if (values['dry-run'] === true) return 0;

  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    body: request.body,
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
