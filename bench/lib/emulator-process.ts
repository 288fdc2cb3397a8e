import path from 'node:path';
import type { FaultOptionsInput, ScriptedFaultInput } from '../../src/emulator/emulator.js';
import { startChildServer, type ChildServer } from './child-server.js';
import { findFreePort } from '../../src/sim/free-port.js';

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The emulator in a process of its own, driven through its control endpoints. */
export interface EmulatorProcess {
  readonly baseUrl: string;
  readonly workspaceSid: string;
  setFaults(options: FaultOptionsInput & { script?: ScriptedFaultInput[] }): Promise<void>;
  /** Twilio requests answered (or dropped) since the last clearRequests(). */
  requestCount(): Promise<number>;
  clearRequests(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Its own process, as Twilio is another machine: rendering a thousand queues' statistics must
 * not queue behind the poller's own parsing on one event loop, which would charge holdline for
 * the server's work (in one process that alone was ~0.3 s of a 2,000-queue refresh).
 */
export async function startEmulatorProcess(options: {
  accountSid: string;
  authToken: string;
  /** A number of generated queues, or these names. */
  queues: number | readonly string[];
  seed: number;
}): Promise<EmulatorProcess> {
  const queues =
    typeof options.queues === 'number'
      ? ['--queues', String(options.queues)]
      : ['--queue-names', options.queues.join(',')];
  const port = await findFreePort();
  const server: ChildServer = await startChildServer({
    name: 'emulator',
    command: process.execPath,
    args: [
      '--import',
      'tsx',
      'src/emulator/cli.ts',
      '--port',
      String(port),
      ...queues,
      '--seed',
      String(options.seed),
      '--log-level',
      'warn',
    ],
    cwd: REPO_ROOT,
    env: {
      PATH: process.env.PATH,
      TWILIO_ACCOUNT_SID: options.accountSid,
      TWILIO_AUTH_TOKEN: options.authToken,
    },
    port,
    readyPath: '/__emulator/state',
    readyTimeoutMs: 30_000,
  });
  const control = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${server.baseUrl}/__emulator${route}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`emulator ${method} ${route}: ${response.status} ${text}`);
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  };
  const state = (await control('GET', '/state')) as { workspaceSid: string };
  return {
    baseUrl: server.baseUrl,
    workspaceSid: state.workspaceSid,
    async setFaults(faults) {
      await control('PUT', '/faults', faults);
    },
    async requestCount() {
      const log = (await control('GET', '/state')) as { requests: { total: number } };
      return log.requests.total;
    },
    async clearRequests() {
      await control('DELETE', '/requests');
    },
    stop: () => server.stop(),
  };
}
